import { isRecord } from "../../../shared/is-record.ts";
import { type Json, text } from "./fhir-read.ts";

/** A note as the visit page shows it: its text, or why it cannot be shown here. */
export type DecodedNote =
  | { kind: "text"; title: string | undefined; text: string }
  | { kind: "unreadable"; title: string | undefined; contentType: string };

/**
 * Decodes one FHIR Attachment's inline `data` (base64) into text, in the charset its
 * contentType names (UTF-8 when none; hl7.org/fhir/R4/datatypes.html#Attachment). HTML is
 * reduced to its text, never inserted as markup: a note is data from another system.
 * Binary documents (PDF, images) and attachments held only at a URL are reported as
 * unreadable, so the page can say so instead of showing nothing.
 *
 * @example decodeAttachment({ contentType: "text/plain", data: "SGVsbG8=" }) // { kind: "text", text: "Hello", … }
 */
export function decodeAttachment(attachment: unknown): DecodedNote | undefined {
  if (!isRecord(attachment)) return undefined;
  const title = text(attachment.title);
  const contentType = text(attachment.contentType) ?? "application/octet-stream";
  const [mime = "", ...parameters] = contentType.split(";").map((part) => part.trim());
  const data = text(attachment.data);
  const readable = /^text\/(plain|markdown|html)$/i.test(mime) || /xhtml/i.test(mime);
  if (!data || !readable) return { kind: "unreadable", title, contentType: mime || contentType };
  const charset =
    parameters
      .map((p) => /^charset=(.+)$/i.exec(p)?.[1])
      .find(Boolean)
      ?.replace(/"/g, "") ?? "utf-8";
  let decoded: string;
  try {
    const bytes = Uint8Array.from(atob(data.replace(/\s+/g, "")), (c) => c.charCodeAt(0));
    decoded = new TextDecoder(charset).decode(bytes);
  } catch {
    return { kind: "unreadable", title, contentType: mime };
  }
  const body = /html/i.test(mime) ? htmlToText(decoded) : decoded;
  return { kind: "text", title, text: body.replace(/\r\n?/g, "\n").trim() };
}

function htmlToText(html: string): string {
  const withBreaks = html.replace(/<\s*(br|\/p|\/div|\/li|\/h\d)\s*\/?>/gi, "$&\n");
  const doc = new DOMParser().parseFromString(withBreaks, "text/html");
  return doc.body.textContent ?? "";
}

/** Every note of a DocumentReference (content[].attachment) or DiagnosticReport (presentedForm). */
export function notesOf(resource: Json): DecodedNote[] {
  const attachments =
    resource.resourceType === "DocumentReference"
      ? (Array.isArray(resource.content) ? resource.content : []).map((c) =>
          isRecord(c) ? c.attachment : undefined,
        )
      : Array.isArray(resource.presentedForm)
        ? resource.presentedForm
        : [];
  return attachments.flatMap((attachment) => {
    const note = decodeAttachment(attachment);
    return note ? [note] : [];
  });
}
