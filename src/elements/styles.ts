/**
 * Component styles, adopted as one constructable stylesheet shared by every instance: no `<style>`
 * element and no `style` attribute, so the components run under `style-src 'self'` without
 * 'unsafe-inline' (docs/components.md, "Content Security Policy").
 *
 * Data never sizes the layout: `overflow-wrap: anywhere` (inherited by everything) lets a word
 * with no break opportunity wrap at any character, also when grid and flex items and fieldsets
 * measure their minimum width, so a 10 KB title wraps inside the container instead of widening
 * the page. (Bidirectional isolation of data text is structural: dom.ts, `isolate`.)
 *
 * Theme through the documented custom properties (`--onet-accent`, `--onet-text`, …); they
 * inherit, so setting them on any ancestor works. Internal short names (`--a`, `--t`, …) are private.
 */
export const CSS = `
:host{--a:var(--onet-accent,#0b5cad);--t:var(--onet-text,#1f2328);--s:var(--onet-surface,#fff);--m:var(--onet-muted,#59636e);--b:var(--onet-border,#c9ced4);--r:var(--onet-radius,6px);--g:var(--onet-gap,.75rem);
display:block;overflow-wrap:anywhere;font:var(--onet-font-size,1rem)/1.45 var(--onet-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);color:var(--t);background:var(--s)}
:host([hidden]),[hidden]{display:none!important}
*{box-sizing:border-box}
:focus-visible{outline:3px solid var(--onet-focus,var(--a));outline-offset:2px}
a{color:var(--a)}
p{margin:0}
button,select,input{font:inherit;color:inherit}
button,select,input[type=text]{border:1px solid var(--b);border-radius:var(--r);background:var(--s);padding:.35em .7em}
button{cursor:pointer;color:var(--a);border-color:var(--a)}
button:disabled{cursor:default;color:var(--m);border-color:var(--b)}
input[type=text]{width:100%}
fieldset{border:1px solid var(--b);border-radius:var(--r);margin:0 0 var(--g);padding:var(--g);min-width:0}
legend{font-weight:600;padding:0 .3em}
.box{display:grid;gap:var(--g)}
.hint,.desc,.meta,.code,.attribution{color:var(--m);font-size:.9em}
.code{display:inline-block}
.step-title{display:block;font-weight:600;margin-bottom:.3em}
.skill{display:grid;grid-template-columns:auto 1fr;column-gap:.5em;margin:.5em 0}
.skill>:not(input){grid-column:2}
.skill label,.checks label{font-weight:600}
.checks label{font-weight:400}
.checks,.results,.plain{list-style:none;margin:0;padding:0}
.checks li{display:flex;gap:.5em;align-items:baseline;margin:.3em 0}
details{margin-top:.2em}
summary{cursor:pointer;color:var(--a);width:fit-content;max-width:100%}
.level{font-weight:600}
.toolbar,.pager,.actions{display:flex;flex-wrap:wrap;gap:.5em;align-items:center}
.result{border:1px solid var(--b);border-radius:var(--r);padding:var(--g);margin:0 0 var(--g)}
.result ul{margin:.2em 0 .4em;padding-left:1.2em}
.title{font-size:1.05em}
.badge{display:inline-block;margin-left:.4em;padding:0 .45em;border-radius:var(--r);font-size:.8em;font-weight:600;color:var(--onet-badge-text,#fff);background:var(--onet-badge,#116329)}
.coverage{display:flex;gap:.5em;align-items:center}
meter{width:8em}
.k{font-weight:600}
.error:empty{display:none}
.error{border:1px solid var(--onet-error,#b3261e);border-left-width:4px;border-radius:var(--r);padding:.5em .75em;color:var(--onet-error,#b3261e)}
.progress{display:grid;gap:.3em}
progress{width:100%;accent-color:var(--a)}
.combo{position:relative}
[role=listbox]{position:absolute;z-index:1;left:0;right:0;margin:.2em 0 0;padding:.2em;list-style:none;background:var(--s);border:1px solid var(--b);border-radius:var(--r);max-height:18em;overflow:auto;box-shadow:0 4px 12px #0003}
[role=option]{padding:.35em .5em;border-radius:var(--r);cursor:pointer}
[role=option]:hover{background:color-mix(in srgb,var(--a) 8%,var(--s))}
[role=option][aria-selected=true]{outline:2px solid var(--a);background:color-mix(in srgb,var(--a) 12%,var(--s))}
.scores{display:grid;grid-template-columns:repeat(auto-fill,minmax(9em,1fr));gap:.5em}
.score{display:grid;gap:.2em}
.score input{width:100%;border:1px solid var(--b);border-radius:var(--r);background:var(--s);padding:.35em .5em}
.choice{display:inline-flex;gap:.3em;align-items:baseline}
.attribution{border-top:1px solid var(--b);padding-top:.5em}
`;

let sheet: CSSStyleSheet | undefined;

/** Adopts the shared stylesheet into a shadow root (a `<style>` element where constructable sheets are missing). */
export function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = CSS;
    root.append(style);
  }
}
