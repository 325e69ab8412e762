/** The reports' stylesheet, inlined in every page so it opens from file:// with no network. */
export const STYLE = `
:root{--bg:#fff;--fg:#1d2433;--mute:#667085;--line:#e4e7ec;--ok:#12805c;--okbg:#ecfdf3;--bad:#c4320a;--badbg:#fef3f2;--pre:#dc6803;--box:#f2f4f7;--sel:#2e90fa}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0;padding:20px 28px;max-width:1500px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}h3{font-size:15px;margin:0 0 6px}a{color:#175cd3}
.mute{color:var(--mute)}code{background:var(--box);padding:1px 5px;border-radius:4px;font-size:12.5px;word-break:break-all}
table.summary{border-collapse:collapse;margin:8px 0}table.summary th,table.summary td{border-bottom:1px solid var(--line);padding:5px 12px;text-align:left;vertical-align:top}table.summary td.n,table.summary th.n{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:var(--ok);font-weight:600}.bad{color:var(--bad);font-weight:600}
.contrast{display:grid;grid-template-columns:repeat(2,minmax(0,520px));gap:12px;margin:6px 0 14px}.side{display:flex;flex-direction:column;gap:8px}.card{border:1px solid var(--line);border-radius:8px;padding:8px 12px}
.card.ok{background:var(--okbg);border-color:#abefc6;font-weight:400}.card.bad{background:var(--badbg);border-color:#fecdca;font-weight:400}.card .v{font-weight:700}.x{font-size:12px;color:var(--mute)}
.message{border-left:4px solid var(--bad);background:var(--badbg);padding:8px 12px;margin:12px 0;font-weight:600}
.tools{margin:6px 0}button{font:inherit;cursor:pointer}
.timeline{position:relative;display:grid;gap:2px 8px;align-items:stretch;overflow:auto;max-height:72vh;border:1px solid var(--line);border-radius:8px;padding:0 8px 8px}
.lane-head{position:sticky;top:0;background:var(--bg);font-weight:700;padding:6px;border-bottom:2px solid var(--line);z-index:2}
.stepno,.clock{color:var(--mute);text-align:right;padding:4px 4px;font-variant-numeric:tabular-nums;font-size:12.5px}.clock.tick{color:var(--fg);font-weight:600}
.pre-mark{color:var(--pre);font-weight:700;margin-right:2px}
.step{background:var(--box);border-radius:6px;padding:3px 8px;cursor:pointer;border:2px solid transparent;overflow-wrap:anywhere}
.step:hover{border-color:#b2ccff}.step .v{color:var(--mute);font-variant-numeric:tabular-nums}.step .r{color:var(--ok)}.step .r.threw{color:var(--bad)}
.step .src{display:block;font:12px ui-monospace,SFMono-Regular,Menlo,monospace;color:var(--mute);white-space:pre-wrap}
.step a.l{color:inherit;text-decoration:underline dotted}
figure.source{margin:8px 0}figure.source figcaption{color:var(--mute);font-size:12.5px}figure.source pre{background:var(--box);border-radius:6px;padding:6px 0;overflow-x:auto}
.source .line{display:block;padding:0 8px}.source .line.hit{background:#fffaeb;font-weight:600}.source .line:target{outline:2px solid var(--sel)}.source .ln{color:var(--mute);user-select:none}
.warning{border-left:4px solid var(--pre);background:#fffaeb;padding:6px 12px;margin:8px 0}
.step.pre{border-left:5px solid var(--pre)}.badge{color:var(--pre);font-weight:700;margin-right:4px}
.step.broke{background:var(--badbg);border-color:var(--bad);font-weight:600}.step.sel{outline:2px solid var(--sel)}
.why{color:var(--bad);background:var(--badbg);border-radius:6px;padding:3px 8px;align-self:center}
.gap{min-height:4px}.folded{display:none}
.fold{background:none;border:1px dashed var(--line);border-radius:6px;color:var(--mute);text-align:left;padding:2px 8px}
#details{position:sticky;bottom:0;background:#f9fafb;border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin-top:8px;min-height:2.5em;white-space:pre-line}
.legend span{margin-right:18px}
.hist td.bar{width:40%}.hist .fill{height:12px;border-radius:3px;background:#84caff}.hist tr.forbidden .fill{background:var(--bad)}.hist tr.forbidden td:first-child{color:var(--bad);font-weight:600}
`;

/** The timeline's behaviour: details on hover/click/keyboard, unfolding folded runs of steps. */
export const SCRIPT = `
(function(){
var details=document.getElementById('details');
function show(s){if(details){details.textContent=s.getAttribute('data-detail');details.classList.remove('mute');}}
function select(s){document.querySelectorAll('.step.sel').forEach(function(x){x.classList.remove('sel')});s.classList.add('sel');show(s);}
function unfold(k){document.querySelectorAll('[data-in-fold="'+k+'"]').forEach(function(x){x.classList.remove('folded')});var b=document.querySelector('.fold[data-fold="'+k+'"]');if(b)b.remove();}
document.addEventListener('click',function(e){var t=e.target;if(!(t instanceof Element))return;
var f=t.closest('.fold');if(f){unfold(f.getAttribute('data-fold'));return;}
if(t.id==='unfold-all'){document.querySelectorAll('.fold').forEach(function(b){unfold(b.getAttribute('data-fold'))});t.remove();return;}
var s=t.closest('.step');if(s)select(s);});
document.addEventListener('mouseover',function(e){var t=e.target;if(!(t instanceof Element))return;var s=t.closest('.step');if(s&&!document.querySelector('.step.sel'))show(s);});
document.addEventListener('keydown',function(e){var t=e.target;if((e.key==='Enter'||e.key===' ')&&t instanceof Element&&t.classList.contains('step')){e.preventDefault();select(t);}});
// A long trace opens scrolled (inside the timeline only) so the step that broke is near the bottom, the steps that led to it above.
var broke=document.querySelector('.step.broke'),tl=document.querySelector('.timeline');if(broke&&tl&&broke.offsetTop+broke.offsetHeight>tl.clientHeight)tl.scrollTop=broke.offsetTop+broke.offsetHeight+72-tl.clientHeight;
})();
`;
