// Building the page. Text from the data always goes in as text (textContent), never as HTML.

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

/** An element with attributes (on* names take a listener; true/false toggle a boolean attribute) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.slice(2).toLowerCase(), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, ...children);
  return element;
}

/** Appends children (strings become text). */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces an element's content. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

let ids = 0;
/** A fresh id for label/aria wiring. */
export const uid = (prefix = "f") => `${prefix}-${++ids}`;

/** A labelled input: the label wraps it, so it is named for assistive technology. */
export function field(label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLLabelElement {
  const wrapper = el("label", { class: "field" }, el("span", {}, label), input);
  if (hint) {
    const id = uid("hint");
    input.setAttribute("aria-describedby", id);
    wrapper.append(el("small", { id }, hint));
  }
  return wrapper;
}

/** A status line that screen readers announce; show(text, "error" | "busy" | "ok"). */
export function statusLine(): { element: HTMLParagraphElement; show(text: string, kind?: "error" | "busy" | "ok"): void } {
  const element = el("p", { class: "status", role: "status", "aria-live": "polite" });
  return {
    element,
    show(text, kind = "ok") {
      element.textContent = text;
      element.className = `status ${kind}`;
    },
  };
}

/** Runs work while the status says so; shows its error in words. Returns undefined when it failed. */
export async function busy<T>(status: ReturnType<typeof statusLine>, what: string, work: () => Promise<T>): Promise<T | undefined> {
  status.show(`${what}…`, "busy");
  try {
    const result = await work();
    status.show("");
    return result;
  } catch (error) {
    status.show((error as Error).message, "error");
    return undefined;
  }
}
