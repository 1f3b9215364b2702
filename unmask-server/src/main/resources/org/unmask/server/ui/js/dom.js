// The only way the console builds markup: elements and text nodes, never HTML strings.
// Every string from the API started life in a log line an attacker may have written, so it
// goes into the page as a text node (textContent) or an attribute value, where the browser
// never parses it as markup. There is no innerHTML anywhere in the console.

const SVG_NS = "http://www.w3.org/2000/svg";

// Attribute names a caller may set. Event handlers ("on...") and inline styles are refused:
// the CSP blocks them anyway, and refusing them here makes a mistake loud in development.
const forbidden = (name) => /^on/i.test(name) || name === "style" || name === "innerHTML";

function apply(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (forbidden(name)) throw new Error("dom.js refuses attribute " + name);
    if (name === "class") node.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name === "href" && !safeHref(String(value))) node.setAttribute("href", "#/");
    else node.setAttribute(name, value === true ? "" : String(value));
  }
}

// Links are only ever in-console hash routes or relative paths we write ourselves; a data value
// that somehow reaches an href must not become javascript: or an off-site link.
function safeHref(href) {
  return href.startsWith("#") || href.startsWith("/") || href.startsWith("https://db-ip.com");
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** el("a", {href: "#/cases"}, "Cases") — an HTML element with attributes and children (text is escaped). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  apply(node, attrs);
  return append(node, children);
}

/** svg("circle", {cx: 1, cy: 2, r: 3}) — an SVG element. */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  apply(node, attrs);
  return append(node, children);
}

/** Replaces everything inside node with children. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** Listens and returns the node, so handlers can be attached inline: on(el("button"), "click", f). */
export function on(node, type, handler) {
  node.addEventListener(type, handler);
  return node;
}
