// The payload of an order dragged from the unassigned list onto the board: its id under our own
// MIME type, so the timeline's built-in "add item by drop" (which reads text/plain JSON) ignores it.
export const ORDER_MIME = "application/x-orderly-order";

export function startOrderDrag(data: DataTransfer, orderId: string): void {
  data.setData(ORDER_MIME, orderId);
  data.effectAllowed = "move";
}

/** Whether a drag carries an order (readable during dragover, when getData is not). */
export function carriesOrder(data: DataTransfer | null): boolean {
  return !!data && Array.from(data.types ?? []).includes(ORDER_MIME);
}

export function droppedOrder(data: DataTransfer | null): string | null {
  const id = data?.getData(ORDER_MIME) ?? "";
  return id === "" ? null : id;
}
