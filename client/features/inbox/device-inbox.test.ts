import { describe, expect, it } from "vitest";
import {
  authorSideExtension,
  careTeamSystem,
  threadStatusExtension,
  threadSystem,
} from "../../../shared/contracts/inbox.ts";
import type { DeviceResource, OutboxEntry } from "../../local/user-database.ts";
import { buildThreads, careTeamsOf } from "./device-inbox.ts";
import { pieces } from "./message-text.tsx";

const patientId = "p1";

function communication(
  id: string,
  threadId: string,
  side: "patient" | "care-team",
  sent: string,
  extra: Record<string, unknown> = {},
): DeviceResource {
  return {
    id,
    patientId,
    type: "Communication",
    version: 1,
    resource: {
      resourceType: "Communication",
      id,
      extension: [
        { url: threadStatusExtension, valueCode: "open" },
        { url: authorSideExtension, valueCode: side },
      ],
      topic: { coding: [{ system: threadSystem, code: threadId }], text: `Subject ${threadId}` },
      sent,
      sender: { display: side === "patient" ? "Ana" : "Dr. Lee" },
      recipient: [{ display: side === "patient" ? "Team A" : "Ana" }],
      payload: [{ contentString: `body ${id}` }],
      ...extra,
    },
    effectiveAt: sent,
    status: "completed",
    codeSystem: threadSystem,
    code: threadId,
    category: null,
  };
}

function outbox(
  seq: number,
  name: OutboxEntry["name"],
  args: unknown,
  extra: Partial<OutboxEntry> = {},
): OutboxEntry {
  return {
    seq,
    id: `m${seq}`,
    name,
    args,
    author: "u1",
    createdAt: `2026-01-0${seq}T10:00:00Z`,
    state: "pending",
    ...extra,
  };
}

describe("the device's inbox", () => {
  it("groups Communications into threads, counts unread replies, newest thread first", () => {
    const threads = buildThreads(
      [
        communication("a1", "t1", "patient", "2026-01-01T09:00:00Z"),
        communication("a2", "t1", "care-team", "2026-01-01T12:00:00Z"),
        communication("b1", "t2", "patient", "2026-01-03T09:00:00Z"),
        communication("b2", "t2", "care-team", "2026-01-03T10:00:00Z", {
          received: "2026-01-03T11:00:00Z",
        }),
      ],
      [],
      [],
    );
    expect(threads.map((t) => [t.id, t.unread, t.careTeamName])).toEqual([
      ["t2", 0, "Team A"],
      ["t1", 1, "Team A"],
    ]);
    expect(threads[1]?.messages.map((m) => [m.id, m.side, m.state, m.unread])).toEqual([
      ["a1", "patient", "sent", false],
      ["a2", "care-team", "sent", true],
    ]);
  });

  it("shows unsent messages from the outbox, a new thread included, and not once they are in the record", () => {
    const teams = careTeamsOf([
      {
        id: "ct",
        patientId,
        type: "CareTeam",
        version: 1,
        resource: {
          resourceType: "CareTeam",
          id: "ct",
          identifier: [{ system: careTeamSystem, value: "team-1" }],
          name: "Team A",
          participant: [{ member: { display: "Dr. Lee" } }],
        },
        effectiveAt: null,
        status: "active",
        codeSystem: null,
        code: null,
        category: null,
      },
    ]);
    expect(teams).toEqual([{ id: "team-1", name: "Team A", members: ["Dr. Lee"] }]);
    const threads = buildThreads(
      [communication("a1", "t1", "patient", "2026-01-01T09:00:00Z")],
      teams,
      [
        outbox(1, "message.send", { messageId: "a1", threadId: "t1", body: "already there" }),
        outbox(2, "message.send", { messageId: "a3", threadId: "t1", body: "reply" }),
        outbox(
          3,
          "message.send",
          {
            messageId: "n1",
            threadId: "t9",
            body: "new",
            subject: "New one",
            careTeamId: "team-1",
          },
          { state: "rejected", code: "MSG-914" },
        ),
      ],
    );
    const t9 = threads.find((t) => t.id === "t9");
    expect(t9).toMatchObject({ subject: "New one", careTeamName: "Team A" });
    expect(t9?.messages[0]).toMatchObject({ state: "rejected", code: "MSG-914", seq: 3 });
    expect(threads.find((t) => t.id === "t1")?.messages.map((m) => [m.id, m.state])).toEqual([
      ["a1", "sent"],
      ["a3", "pending"],
    ]);
  });

  it("counts a reply as read as soon as the read is in the outbox", () => {
    const threads = buildThreads(
      [communication("a2", "t1", "care-team", "2026-01-01T12:00:00Z")],
      [],
      [outbox(1, "message.markRead", { threadId: "t1", messageIds: ["a2"] })],
    );
    expect(threads[0]?.unread).toBe(0);
  });
});

describe("message text", () => {
  it("keeps lines apart and turns direction controls into marks", () => {
    expect(pieces("one\u202Eeno\ntwo")).toEqual([
      [{ text: "one" }, { control: "U+202E" }, { text: "eno" }],
      [{ text: "two" }],
    ]);
    expect(pieces("<b>x</b>\u2067")).toEqual([[{ text: "<b>x</b>" }, { control: "U+2067" }]]);
  });
});
