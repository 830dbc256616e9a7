// The core's closed sets of keys for processing orders (issue #4): the list's views and the
// kinds of link a person may ask for (labels come from the locales).

/** `OrderFilter.view`: `mine`, `starred` and `important` are the reader's own. */
export const VIEWS = ["all", "mine", "unassigned", "awaiting_response", "starred", "important", "overdue"] as const;
export type ViewKey = (typeof VIEWS)[number];

export function asView(value: string | null | undefined): ViewKey {
  return (VIEWS as readonly string[]).includes(value ?? "") ? (value as ViewKey) : "all";
}

/** What `link_orders` accepts; a stored link may also read `duplicated_by` from the other end. */
export const LINK_KINDS = ["related", "duplicate_of", "parent_of", "child_of"] as const;

/** A person's own marks on an order. */
export type MarkKey = "star" | "important";
export type Marks = { starred: boolean; important: boolean };
