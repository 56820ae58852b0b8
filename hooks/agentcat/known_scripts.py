"""The inline scripts the site is built with, and nothing else: Material for MkDocs
9.8.1's own (partials/javascripts/base.html, palette.html, content.html), copied here
verbatim. The project adds none of its own (docs/assets/catalog-filter.js is a file).

csp.py hashes these and only these: a page that carries any other inline script fails the
build. tests/test_csp.py checks that each is still what the installed Material writes, so an
upgrade that changes one fails a test that names it, not a visitor's browser.
"""

# base.html: the storage scope, written with the page's relative path to the site root
# (`.`, `..`, `../..`) or, on 404.html, the site's absolute path
SCOPE_BEFORE = '__md_scope=new URL("'
SCOPE_AFTER = '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
SCOPE_PATH = r"(?:\.|\.\.(?:/\.\.)*|/[A-Za-z0-9._~/-]*)"

MATERIAL = (
    'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media=\'(prefers-color-scheme: light)\']":"[data-md-color-media=\'(prefers-color-scheme: dark)\']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}',
    'var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}',
    'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))',
)

PROJECT: tuple[str, ...] = ()  # the project's own inline scripts (exact text), if it ever needs one
