"""Sources: what turns files, folders, feeds and pages into `Article`s (the only I/O before the
pure stages). `read` reads files (`_decode` turns bytes into text), `fetch` feeds and pages over
the checked network layer (`_network`: checked addresses, proxies, deadlines, size limits)."""
