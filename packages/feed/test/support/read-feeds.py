"""Read each feed named on the command line with Universal Feed Parser
(Debian's python3-feedparser), as feed readers do, and print one JSON line
per feed: its bozo flag and exception, its title and its entries' titles,
summaries and tags, for feedparser.test.ts to compare with what was written."""
import json
import sys

import feedparser

for name in sys.argv[1:]:
    with open(name, 'rb') as handle:
        parsed = feedparser.parse(handle.read())
    print(json.dumps({
        'file': name,
        'bozo': bool(parsed.bozo),
        'exception': repr(parsed.get('bozo_exception')) if parsed.bozo else None,
        'title': parsed.feed.get('title'),
        'entries': [
            {
                'title': entry.get('title'),
                'tags': [tag.get('term') for tag in entry.get('tags', [])],
            }
            for entry in parsed.entries
        ],
    }))
