package build

import (
	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/hosts"
	"folio/internal/site"
)

// writeHosts writes the configuration files of the hosts site.yaml names (package
// hosts): caching, security headers, and the aliases as real redirects.
func writeHosts(out output, s *site.Site) diag.List {
	in := hosts.Site{BaseURL: s.Config.BaseURL}
	for _, r := range s.Redirects {
		in.Redirects = append(in.Redirects, hosts.Redirect{From: s.URL(r.Path), To: r.To})
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
