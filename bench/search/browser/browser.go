package main

// Headless Chromium, started once for every session.

import (
	"context"
	"fmt"
	"os"

	"folio/internal/pdf"

	"github.com/chromedp/chromedp"
)

type browser struct {
	ctx     context.Context
	cancels []context.CancelFunc
	profile string
}

func startBrowser(chrome string) (*browser, error) {
	profile, err := os.MkdirTemp("", "folio-bench-chromium-")
	if err != nil {
		return nil, err
	}
	// IgnoreCertErrors: the loopback server's certificate is httptest's.
	flags := append(pdf.Flags(chrome, profile, true), chromedp.IgnoreCertErrors)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), flags...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	b := &browser{ctx: ctx, cancels: []context.CancelFunc{cancel, allocCancel}, profile: profile}
	if err := chromedp.Do(ctx); err != nil {
		b.close()
		return nil, fmt.Errorf("starting %s: %w", chrome, err)
	}
	return b, nil
}

func (b *browser) close() {
	for _, c := range b.cancels {
		c()
	}
	os.RemoveAll(b.profile)
}
