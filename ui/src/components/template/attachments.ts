// Files of an attachment field: stored content-addressed by the core (`attachmentPut`), read
// back by hash (`attachmentGet`) and handed to the browser as a download.
import { api, type AttachmentRef, type JsonValue } from "../../api";

/** The stored files a value lists (anything malformed is left out). */
export function asAttachments(value: JsonValue | undefined): AttachmentRef[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) return [];
    const { sha256, name, mime, size } = item;
    if (typeof sha256 !== "string" || typeof name !== "string" || typeof size !== "number") return [];
    return [{ sha256, name, mime: typeof mime === "string" ? mime : "", size }];
  });
}

export async function storeFile(templateKey: string, fieldKey: string, file: File): Promise<AttachmentRef> {
  const bytes = Array.from(new Uint8Array(await file.arrayBuffer()));
  return api.attachmentPut(templateKey, fieldKey, file.name, file.type || "application/octet-stream", bytes);
}

/** Fetches a stored file and saves it under its own name. */
export async function downloadFile(file: AttachmentRef): Promise<void> {
  const bytes = await api.attachmentGet(file.sha256);
  const url = URL.createObjectURL(new Blob([Uint8Array.from(bytes)], { type: file.mime || "application/octet-stream" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.name;
  link.click();
  // The click has handed the blob over; keeping the URL would hold the bytes until reload.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A size as the reader's locale writes it: "980 byte", "12,5 kB", "3.1 MB". */
export function formatBytes(size: number, lng: string): string {
  const steps: [number, string][] = [
    [1024 * 1024, "megabyte"],
    [1024, "kilobyte"],
  ];
  for (const [bytes, unit] of steps) {
    if (size >= bytes) {
      return new Intl.NumberFormat(lng, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(
        size / bytes,
      );
    }
  }
  return new Intl.NumberFormat(lng, { style: "unit", unit: "byte", unitDisplay: "short" }).format(size);
}
