/**
 * The theme's stylesheet, small enough to inline in every page: a readable
 * measure and type scale, light and dark colours by `prefers-color-scheme`,
 * a visible focus ring, a skip link shown on focus, and layouts that hold
 * down to 360 px wide (long words and code wrap or scroll in their box).
 *
 * @param accent
 *   Accent colour, checked by `settingsOf` (default: the theme's).
 * @returns
 *   CSS.
 */
export function stylesheet(accent?: string | undefined): string {
  const light = accent ?? '#b4441b'
  const dark = accent ?? '#f08a5d'
  return `:root{color-scheme:light dark;--bg:#fffdf9;--fg:#1f1d1a;--muted:#5f5a53;--line:#ddd6cc;--code:#f3eee6;--accent:${light}}
@media (prefers-color-scheme:dark){:root{--bg:#171614;--fg:#ece7df;--muted:#a9a195;--line:#3a3632;--code:#24221f;--accent:${dark}}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.65 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:break-word}
.wrap{max-width:42rem;margin:0 auto;padding:0 1rem}
a{color:var(--accent);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:.5rem;top:-3rem;z-index:1;padding:.5rem .75rem;background:var(--bg);border:2px solid var(--accent)}
.skip:focus{top:.5rem}
.site-header{border-bottom:1px solid var(--line);margin-bottom:2rem}
.site-header .wrap{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;align-items:baseline;justify-content:space-between;padding-top:1rem;padding-bottom:.75rem}
.site-title{font-weight:700;font-size:1.25rem;color:var(--fg);text-decoration:none}
.site-nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
h1,h2,h3,h4{line-height:1.25;margin:2rem 0 .75rem}
h1{font-size:2rem;margin-top:0}
h2{font-size:1.45rem}
h3{font-size:1.2rem}
article>header:has(h1)~h1,article>header:has(h1)~.heading-wrapper>h1{font-size:1.6rem}
img,video,iframe{max-width:100%;height:auto}
pre{overflow-x:auto;padding:.8rem 1rem;background:var(--code);border-radius:6px;font-size:.9rem;line-height:1.5}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
:not(pre)>code{background:var(--code);padding:.1em .3em;border-radius:4px}
blockquote{margin:1.25rem 0;padding:0 1rem;border-left:4px solid var(--line);color:var(--muted)}
table{display:block;max-width:100%;overflow-x:auto;border-collapse:collapse}
th,td{border:1px solid var(--line);padding:.3rem .6rem;text-align:left}
hr{border:0;border-top:1px solid var(--line);margin:2rem 0}
.meta,.kicker,.count{color:var(--muted);font-size:.92rem}
.posts{list-style:none;margin:0;padding:0}
.posts>li{margin:0 0 1.75rem}
.posts h2{margin:0 0 .25rem;font-size:1.3rem}
.posts p{margin:.35rem 0}
.tags{display:flex;flex-wrap:wrap;gap:.25rem .75rem;list-style:none;margin:.75rem 0;padding:0;font-size:.92rem}
.tags .label{color:var(--muted)}
.terms{columns:14rem;list-style:none;padding:0}
.terms li{break-inside:avoid;margin:0 0 .35rem}
.archive{list-style:none;padding:0}
.archive li{margin:0 0 .4rem}
.archive time{display:inline-block;min-width:7.5rem;color:var(--muted)}
.related{margin-top:2.5rem;border-top:1px solid var(--line)}
.pager{display:flex;flex-wrap:wrap;justify-content:space-between;gap:1rem;margin:2.5rem 0}
.site-footer{border-top:1px solid var(--line);margin-top:3rem;padding:1rem 0 2rem;color:var(--muted);font-size:.92rem}
.markdown-alert{--alert:#0969da;margin:1.25rem 0;padding:.5rem 1rem;border-left:4px solid var(--alert)}
.markdown-alert>:last-child{margin-bottom:0}
.markdown-alert-title{display:flex;align-items:center;gap:.5rem;margin:0 0 .35rem;font-weight:600;color:var(--alert)}
.markdown-alert-title svg{fill:currentColor;flex:none}
.markdown-alert-tip{--alert:#1a7f37}.markdown-alert-important{--alert:#8250df}.markdown-alert-warning{--alert:#9a6700}.markdown-alert-caution{--alert:#d1242f}
@media (prefers-color-scheme:dark){.markdown-alert{--alert:#4493f8}.markdown-alert-tip{--alert:#3fb950}.markdown-alert-important{--alert:#ab7df8}.markdown-alert-warning{--alert:#d29922}.markdown-alert-caution{--alert:#f85149}}
.code-block{margin:1.25rem 0}
.code-block pre{margin:0;border-top-left-radius:0;border-top-right-radius:0}
.code-title{padding:.35rem 1rem;background:var(--code);border-bottom:1px solid var(--line);border-radius:6px 6px 0 0;font:600 .85rem ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted)}
pre .line{display:inline-block;min-width:calc(100% + 2rem);margin:0 -1rem;padding:0 1rem}
pre .line.highlighted,pre .highlighted-word{background:color-mix(in srgb,var(--accent) 16%,transparent)}
pre .line.diff.add{background:color-mix(in srgb,#1a7f37 18%,transparent);box-shadow:inset 3px 0 #1a7f37}
pre .line.diff.remove{background:color-mix(in srgb,#d1242f 18%,transparent);box-shadow:inset 3px 0 #d1242f}
pre.has-focused .line:not(.focused){opacity:.55}
pre.line-numbers code{counter-reset:line}
pre.line-numbers .line::before{counter-increment:line;content:counter(line);display:inline-block;width:2.5ch;margin-right:1.25ch;text-align:right;color:var(--muted);user-select:none}
.heading-wrapper{display:flex;flex-wrap:wrap;align-items:baseline;gap:0 .5rem}
.heading-wrapper>h1,.heading-wrapper>h2,.heading-wrapper>h3,.heading-wrapper>h4,.heading-wrapper>h5,.heading-wrapper>h6{margin-right:0}
.heading-wrapper+*{margin-top:0}
.heading-anchor{text-decoration:none;color:var(--muted);opacity:0}
.heading-wrapper:hover .heading-anchor,.heading-anchor:focus-visible{opacity:1}
@media (hover:none){.heading-anchor{opacity:1}}
.toc{margin:1.25rem 0;padding:.75rem 1rem;border:1px solid var(--line);border-radius:6px;font-size:.95rem}
.toc ol{margin:0;padding-left:1.25rem}
.toc>ol{padding-left:1rem}
details{margin:1.25rem 0;padding:.5rem 1rem;border:1px solid var(--line);border-radius:6px}
summary{cursor:pointer;font-weight:600}
abbr[title]{text-decoration:underline dotted;cursor:help}
.katex-display{overflow-x:auto;overflow-y:hidden;padding:.25rem 0}
@media (prefers-color-scheme:dark){.shiki[style*="--shiki-dark"]{color:var(--shiki-dark)!important;background-color:var(--shiki-dark-bg)!important}.shiki[style*="--shiki-dark"] span{color:var(--shiki-dark)!important}}
`
}
