// A table whose columns sort by click or keyboard (the header buttons), announced through aria-sort.
import { el } from "./dom";

export interface Column<T> {
  label: string;
  /** The cell's content. */
  cell: (row: T) => Node | string;
  /** The value to sort by; no sort button when absent. Nulls sort last. */
  sort?: (row: T) => number | string | null | undefined;
  /** Right-aligned (numbers). */
  numeric?: boolean;
}

/** A sortable table of rows with a caption (its accessible name). */
export function table<T>(caption: string, columns: Column<T>[], rows: T[], initial?: { column: number; descending?: boolean }): HTMLTableElement {
  const element = el("table", { class: "data" });
  const body = el("tbody");
  let sorted = { column: initial?.column ?? -1, descending: initial?.descending ?? false };
  const heads = columns.map((column, i) => {
    const th = el("th", { scope: "col", class: column.numeric ? "num" : null });
    if (column.sort) th.append(el("button", { type: "button", class: "sort", onclick: () => sortBy(i) }, column.label));
    else th.append(column.label);
    return th;
  });

  function sortBy(i: number) {
    sorted = { column: i, descending: sorted.column === i ? !sorted.descending : false };
    draw();
  }

  function draw() {
    const key = sorted.column >= 0 ? columns[sorted.column].sort : undefined;
    const view = key ? [...rows].sort((a, b) => compare(key(a), key(b), sorted.descending)) : rows;
    heads.forEach((th, i) => th.setAttribute("aria-sort", i === sorted.column ? (sorted.descending ? "descending" : "ascending") : "none"));
    body.replaceChildren(...view.map((row) => el("tr", {}, ...columns.map((c) => el("td", { class: c.numeric ? "num" : null }, c.cell(row))))));
  }

  element.append(el("caption", {}, caption), el("thead", {}, el("tr", {}, ...heads)), body);
  draw();
  return element;
}

function compare(a: number | string | null | undefined, b: number | string | null | undefined, descending: boolean): number {
  const aMissing = a === null || a === undefined, bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1; // missing last, either way
  const order = typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
  return descending ? -order : order;
}
