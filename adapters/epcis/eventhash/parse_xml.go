package eventhash

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// epcisNamespaces are namespace prefixes of the EPCIS schemas themselves:
// an element in one of them is a standard element, named without it.
var epcisNamespaces = []string{"urn:epcglobal:epcis:xsd:", "urn:epcglobal:epcis-query:xsd:"}

// xsiNamespace is the XML Schema instance namespace. Its attributes
// (xsi:type="xsd:integer" on an extension element) describe how the XML is
// typed, not the event, and have no counterpart in JSON-LD, so they are
// not fields: keeping them would give the XML and JSON-LD spellings of one
// event different hash IDs.
const xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

// xmlValuePrefixes are the compact IRIs expanded in XML values.
var xmlValuePrefixes = map[string]string{"gs1:": "https://gs1.org/voc/", "cbv:": "https://ref.gs1.org/cbv/"}

// ParseXML reads an EPCIS 2.0 document in XML (an EPCISDocument or an
// EPCISQueryDocument) and returns the events of its EventList in document
// order. extension and baseExtension wrappers (EPCIS 1.x) are dropped,
// keeping their content; attributes become fields, except the XML Schema
// instance ones (xsi:type), which the reference implementation keeps and
// hashes while JSON-LD cannot express them; values starting with
// "gs1:" or "cbv:" are expanded; fields the document lists in a
// repository's ignoreFields are left out.
func ParseXML(r io.Reader) ([]Event, error) {
	root, err := readXMLTree(r)
	if err != nil {
		return nil, fmt.Errorf("parse EPCIS XML: %w", err)
	}
	list := findElement(root, "EventList")
	if list == nil {
		return nil, errors.New("parse EPCIS XML: no EventList")
	}
	ignore := map[string]bool{}
	for _, c := range root.Children {
		if c.Name == expandedName(ignoreFieldsNS, "ignoreFields") {
			for _, f := range c.Children {
				ignore[f.Name] = true
			}
		}
	}
	events := make([]Event, 0, len(list.Children))
	for _, e := range list.Children {
		ev := Event{Type: e.Name}
		for _, f := range e.Children {
			if !ignore[f.Name] {
				ev.Fields = append(ev.Fields, f)
			}
		}
		events = append(events, ev)
	}
	return events, nil
}

// findElement returns the first element named name, depth first.
func findElement(n *Node, name string) *Node {
	if n.Name == name {
		return n
	}
	for i := range n.Children {
		if f := findElement(&n.Children[i], name); f != nil {
			return f
		}
	}
	return nil
}

// readXMLTree reads the whole document into a Node tree: attributes first
// as children, then child elements; an element's value is its text before
// the first child element, trimmed.
func readXMLTree(r io.Reader) (*Node, error) {
	dec := xml.NewDecoder(r)
	type open struct {
		node      Node
		text      strings.Builder
		textEnded bool
		wrapper   bool
	}
	var stack []*open
	var root *Node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) > 0 {
				stack[len(stack)-1].textEnded = true
			}
			o := &open{node: Node{Name: xmlName(t.Name)}}
			o.wrapper = t.Name.Space == "" && (t.Name.Local == "extension" || t.Name.Local == "baseExtension")
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Space == xsiNamespace || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				o.node.Children = append(o.node.Children, Node{Name: xmlName(a.Name), Value: xmlValue(a.Value)})
			}
			stack = append(stack, o)
		case xml.CharData:
			if len(stack) > 0 && !stack[len(stack)-1].textEnded {
				stack[len(stack)-1].text.Write(t)
			}
		case xml.EndElement:
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			o.node.Value = xmlValue(strings.TrimSpace(o.text.String()))
			if len(stack) == 0 {
				root = &o.node
				continue
			}
			parent := &stack[len(stack)-1].node
			if o.wrapper {
				parent.Children = append(parent.Children, o.node.Children...)
				continue
			}
			parent.Children = append(parent.Children, o.node)
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

// xmlName names an element or attribute: bare for no namespace or an
// EPCIS namespace, "{namespace}local" otherwise.
func xmlName(n xml.Name) string {
	for _, ns := range epcisNamespaces {
		if strings.HasPrefix(n.Space, ns) {
			return n.Local
		}
	}
	return expandedName(n.Space, n.Local)
}

// xmlValue expands a "gs1:" or "cbv:" compact IRI at the start of a value.
func xmlValue(v string) string {
	for prefix, ns := range xmlValuePrefixes {
		if strings.HasPrefix(v, prefix) {
			return ns + v[len(prefix):]
		}
	}
	return v
}
