package sim

import (
	"html"
	"strings"
)

// renderHistory writes a conversation as Communicator's history HTML. The
// element ids are the ones archiving tools parse: imsendname,
// imsendtimestamp and imcontent, one set per message.
func renderHistory(msgs []message) string {
	var b strings.Builder
	b.WriteString(`<HTML><BODY><DIV id="imhistory">`)
	for _, m := range msgs {
		if m.action {
			b.WriteString(`<DIV class="imaction"><SPAN id="imcontent">`)
			b.WriteString(html.EscapeString(m.text))
			b.WriteString(`</SPAN></DIV>`)
			continue
		}
		b.WriteString(`<DIV class="immessage"><SPAN id="imsendname">`)
		b.WriteString(html.EscapeString(m.name))
		b.WriteString(`</SPAN> <SPAN id="imsendtimestamp">`)
		b.WriteString(m.at.Format("15:04"))
		b.WriteString(`</SPAN><DIV id="imcontent">`)
		b.WriteString(strings.ReplaceAll(html.EscapeString(m.text), "\n", "<BR>"))
		b.WriteString(`</DIV></DIV>`)
	}
	b.WriteString(`</DIV></BODY></HTML>`)
	return b.String()
}
