package chtest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// configXML is a minimal server configuration that ClickHouse 18.16 and
// current releases both accept (current ones still read the <yandex> root).
// Everything lives under the test's directory; caches are small because a
// test server holds little data; the time zone is UTC so that dates in
// queries do not depend on the machine.
const configXML = `<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>{dir}/server.log</log>
    <errorlog>{dir}/server.err.log</errorlog>
    <size>10M</size>
    <count>1</count>
    <console>0</console>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>{tcp}</tcp_port>
  <http_port>{http}</http_port>
  <path>{dir}/data/</path>
  <tmp_path>{dir}/tmp/</tmp_path>
  <user_files_path>{dir}/user_files/</user_files_path>
  <format_schema_path>{dir}/format_schemas/</format_schema_path>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <max_connections>1024</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <timezone>UTC</timezone>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <users_config>{dir}/users.xml</users_config>
</yandex>
`

// usersXML is one user, "default", with no password, reachable from the
// loopback interface only.
const usersXML = `<?xml version="1.0"?>
<yandex>
  <profiles>
    <default>
      <max_memory_usage>4000000000</max_memory_usage>
      <use_uncompressed_cache>0</use_uncompressed_cache>
    </default>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks>
        <ip>127.0.0.1</ip>
        <ip>::1</ip>
      </networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas>
    <default>
      <interval>
        <duration>3600</duration>
        <queries>0</queries>
        <errors>0</errors>
        <result_rows>0</result_rows>
        <read_rows>0</read_rows>
        <execution_time>0</execution_time>
      </interval>
    </default>
  </quotas>
</yandex>
`

// writeConfig writes config.xml and users.xml into dir.
func writeConfig(dir string, tcp, http int) error {
	r := strings.NewReplacer("{dir}", dir, "{tcp}", fmt.Sprint(tcp), "{http}", fmt.Sprint(http))
	for name, body := range map[string]string{"config.xml": configXML, "users.xml": usersXML} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(r.Replace(body)), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}
