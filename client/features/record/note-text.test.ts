import { describe, expect, it } from "vitest";
import { decodeAttachment, notesOf } from "./note-text.ts";

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("decodeAttachment", () => {
  it("decodes UTF-8 plain text, keeping line breaks and accents", () => {
    const note = decodeAttachment({
      contentType: "text/plain; charset=utf-8",
      data: base64("Señora Rivera\r\nA1c 7 %, sin cambios"),
      title: "Progress note",
    });
    expect(note).toEqual({
      kind: "text",
      title: "Progress note",
      text: "Señora Rivera\nA1c 7 %, sin cambios",
    });
  });

  it("honours another charset named by the content type", () => {
    const latin1 = Buffer.from("Café", "latin1").toString("base64");
    expect(
      decodeAttachment({ contentType: "text/plain; charset=ISO-8859-1", data: latin1 }),
    ).toMatchObject({ kind: "text", text: "Café" });
  });

  it("reduces HTML to its text, never markup", () => {
    const note = decodeAttachment({
      contentType: "text/html",
      data: base64("<p>Plan:</p><script>alert(1)</script><ul><li>Metformin</li></ul>"),
    });
    expect(note?.kind).toBe("text");
    expect(note && note.kind === "text" ? note.text : "").not.toContain("<");
    expect(note && note.kind === "text" ? note.text : "").toContain("Metformin");
  });

  it("reports PDFs, images and URL-only attachments as unreadable, with their type", () => {
    expect(decodeAttachment({ contentType: "application/pdf", data: base64("%PDF") })).toEqual({
      kind: "unreadable",
      title: undefined,
      contentType: "application/pdf",
    });
    expect(
      decodeAttachment({ contentType: "text/plain", url: "https://example.org/n.txt" }),
    ).toMatchObject({ kind: "unreadable" });
    expect(decodeAttachment("nonsense")).toBeUndefined();
  });
});

describe("notesOf", () => {
  it("reads DocumentReference content and DiagnosticReport presentedForm", () => {
    expect(
      notesOf({
        resourceType: "DocumentReference",
        content: [{ attachment: { contentType: "text/plain", data: base64("Note one") } }],
      }),
    ).toEqual([{ kind: "text", title: undefined, text: "Note one" }]);
    expect(
      notesOf({
        resourceType: "DiagnosticReport",
        presentedForm: [{ contentType: "text/plain", data: base64("Report") }],
      }),
    ).toEqual([{ kind: "text", title: undefined, text: "Report" }]);
  });
});
