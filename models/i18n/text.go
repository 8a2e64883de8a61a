package i18n

import "github.com/pushcheck/pushcheck/models"

// Say is a catalogued sentence (models.Text) in this language, or english
// when there is none: checks and lint findings stored before they carried
// one, and those not translated yet. English pages get the English as Go
// wrote it, which the API and the Markdown report say too.
func (l *Localizer) Say(t *models.Text, english string) string {
	if t == nil || t.ID == "" || l.Lang() == models.LanguageEnglish {
		return english
	}
	s, ok := l.say(*t)
	if !ok {
		// A message since removed from the catalogue: the stored English
		// still says what happened.
		return english
	}
	return s
}

// SayText is a catalogued sentence in this language, English included:
// the tests compare it with the English the code wrote beside it.
func (l *Localizer) SayText(t models.Text) string {
	s, _ := l.say(t)
	return s
}

func (l *Localizer) say(t models.Text) (string, bool) {
	if t.ID == "" {
		return t.Plain, true
	}
	data := make(map[string]any, len(t.Args))
	for name, arg := range t.Args {
		s, ok := l.say(arg)
		if !ok {
			return "", false
		}
		data[name] = s
	}
	id := t.ID
	s := l.localize(id, data, nil)
	return s, s != id
}
