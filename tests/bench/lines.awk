# Writes n submission lines. Every 10th is a known e-mail address (a
# conversion), every 4th names an existing company; the rest are new.
BEGIN {
	split("Anna Ben Clara David Eva Felix Greta Hannes Ida Jonas Karin Lukas Mia Noah Olga Paul", fn, " ")
	split("Mueller Schmidt Fischer Weber Meyer Wagner Becker Hoffmann Schaefer Koch Bauer Richter Klein Wolf", ln, " ")
	split("google bing newsletter linkedin partner", src, " ")
	split("cpc email social referral", med, " ")
	nk = 0; while ((getline x < known) > 0) kn[nk++] = x
	nc = 0; while ((getline x < companies) > 0) co[nc++] = x
	seed = 20261126
	for (i = 1; i <= n; i++) {
		seed = (seed * 1103515245 + 12345) % 2147483648
		f = fn[1 + seed % 16]; l = ln[1 + int(seed / 16) % 14]
		s = src[1 + int(seed / 224) % 5]; m = med[1 + int(seed / 1120) % 4]
		email = tolower(f) "." tolower(l) "." i "@bench.example"
		if (i % 10 == 0 && nk > 0)
			email = kn[int(i / 10) % nk]
		company = "Bench " l " " i
		if (i % 4 == 1 && nc > 0)
			company = co[int(i / 4) % nc]
		printf "{\"id\":\"bench-%d\",\"email\":\"%s\",\"firstname\":\"%s\",\"lastname\":\"%s\",\"company\":\"%s\",", i, email, f, l, company
		printf "\"url\":\"https://www.example.com/demo?utm_source=%s&utm_medium=%s&utm_campaign=spring%d\",", s, m, i % 12
		printf "\"referrer\":\"https://%s.example/search\",\"submitted\":\"2026-03-%02dT%02d:%02d:00Z\",", s, 1 + i % 28, i % 24, i % 60
		printf "\"firsttouch\":{\"source\":\"%s\",\"medium\":\"%s\",\"when\":\"2026-02-01T09:00:00Z\"}}\n", src[1 + (int(seed / 7) % 5)], m
	}
}
