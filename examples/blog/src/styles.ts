/** The whole stylesheet: small enough to inline in every page. */
export const styles = `
:root { color-scheme: light dark; --accent: #b4541a; --muted: #777; }
body { font: 1.05rem/1.6 Georgia, 'Times New Roman', serif; max-width: 42rem; margin: 0 auto; padding: 1rem; }
header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1px solid #ccc; }
header nav a { margin-left: 1rem; }
a { color: var(--accent); }
img { max-width: 100%; height: auto; }
.site-title { font-weight: bold; font-size: 1.3rem; text-decoration: none; }
.meta, time, footer { color: var(--muted); font-size: 0.9rem; }
.posts { list-style: none; padding: 0; }
.posts > li { margin: 1.2rem 0; }
.posts time { margin-left: 0.5rem; }
.tags { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 0.6rem; font-size: 0.85rem; }
pre { overflow-x: auto; background: rgba(127, 127, 127, 0.12); padding: 0.8rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.6rem; }
nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 2rem; }
.related h2 { font-size: 1.1rem; }
footer { border-top: 1px solid #ccc; margin-top: 3rem; }
`
