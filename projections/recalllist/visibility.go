package recalllist

// For is what an enterprise may see of a recall list: all of it when it
// initiated the recall; otherwise only its own row, with the progress of
// that row, since the other holders' stock is their data. ok is false when
// the enterprise neither initiated the recall nor holds any of its units.
func (l List) For(uscc string) (List, bool) {
	if l.InitiatedBy == uscc {
		return l, true
	}
	for _, r := range l.Holders {
		if r.USCC == uscc {
			l.Holders = []Row{r}
			l.Progress = progressOf(l.Holders)
			return l, true
		}
	}
	return List{}, false
}
