package views

import (
	"reflect"
	"testing"
)

func TestProse(t *testing.T) {
	got := Prose("First `code` line\ncontinued.\n\n- one `a`\n  wrapped\n- two\n\nan unpaired ` stays")
	want := []ProseBlock{
		{Items: [][]ProseSpan{{{Text: "First "}, {Text: "code", Code: true}, {Text: " line continued."}}}},
		{List: true, Items: [][]ProseSpan{{{Text: "one "}, {Text: "a", Code: true}, {Text: " wrapped"}}, {{Text: "two"}}}},
		{Items: [][]ProseSpan{{{Text: "an unpaired ` stays"}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}
