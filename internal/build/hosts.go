package build

import (
	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/hosts"
	"folio/internal/site"
)

// writeHosts writes the configuration files of the hosts site.yaml names (package
// hosts): caching, security headers, the aliases and the recorded URLs kept as real
// redirects, and the URLs withdrawn for good (urlrecord's gone) as 410s.
func writeHosts(out output, s *site.Site) diag.List {
	in := hosts.Site{BaseURL: s.Config.BaseURL}
	for _, r := range s.Redirects {
		in.Redirects = append(in.Redirects, hosts.Redirect{From: s.URL(r.Path), To: r.To})
	}
	for _, g := range s.Gone {
		in.Gone = append(in.Gone, hosts.Gone{URL: s.URL(g.URL), Reason: g.Reason})
	}
	files, err := hosts.Files(s.Config.Hosts, in)
	if err != nil {
		return diag.List{{Pos: diag.Position{File: config.File}, Err: err}}
	}
	var errs diag.List
	for _, f := range files {
		errs.Add(out.write(f.Path, f.Data))
	}
	return errs
}
