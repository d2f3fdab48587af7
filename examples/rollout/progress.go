package main

import (
	"fmt"
	"io"
	"strings"
)

// progressBar draws a one-line bar on a terminal, redrawn in place with a
// carriage return. A nil *progressBar draws nothing.
type progressBar struct {
	w     io.Writer
	label string
	drawn bool
}

const barWidth = 30

// update draws done out of total; it is forecast.Options.Progress.
func (b *progressBar) update(done, total int) {
	if b == nil || total <= 0 {
		return
	}
	n := barWidth * done / total
	fmt.Fprintf(b.w, "\r%s [%s%s] %3d%% %d/%d", b.label, strings.Repeat("=", n), strings.Repeat(" ", barWidth-n),
		100*done/total, done, total)
	b.drawn = true
}

// done clears the bar's line.
func (b *progressBar) done() {
	if b == nil || !b.drawn {
		return
	}
	fmt.Fprintf(b.w, "\r%s\r", strings.Repeat(" ", len(b.label)+barWidth+30))
}
