import { createSignal, For, onMount, Show } from "solid-js";
import { isLocale, localeNames } from "../../../shared/locales/index.ts";
import { formatMoment } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { createDeviceQuery, readValue } from "../../local/device-query.ts";
import { isSharedDevice } from "../../local/device-user.ts";
import { dismissRejected } from "../../local/outbox.ts";
import { askToPersist, type Persistence, storagePersistence } from "../../local/storage.ts";
import type { OutboxEntry, UserDatabase } from "../../local/user-database.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { announce } from "../../ui/live-region.tsx";
import "./device-records.css";

/**
 * "On this device": when the device's copy was last brought up to date, writes the server
 * refused with what to do next, and, on a personal device, the offer to keep the records there
 * for good. How much of each kind of resource it stores is a question for Help → Check my
 * device (help/device-holdings-table.tsx), not for a patient's home page, whose counts are the
 * record's own (record-counts.ts). Read from Dexie, so it works offline.
 */
export function DeviceRecords() {
  const read = createDeviceQuery(() => async ({ db }) => {
    const state = await db.syncState.get("sync");
    const rejected = await db.outbox.where("state").equals("rejected").sortBy("seq");
    return { db, syncedAt: state?.lastSyncedAt, rejected };
  });
  const held = () => readValue(read());
  const shared = isSharedDevice();

  return (
    <section class="device-records" aria-labelledby="device-records-heading">
      <h2 id="device-records-heading">{t("device.heading")}</h2>
      <p>{shared ? t("device.sharedIntro") : t("device.intro")}</p>
      <Show when={held()}>
        {(summary) => (
          <>
            <p>
              {summary().syncedAt
                ? t("device.lastSynced", { when: formatMoment(summary().syncedAt as string) })
                : t("device.neverSynced")}
            </p>
            <p>
              <a href="/help/check#device-holdings">{t("device.seeHoldings")}</a>
            </p>
            <Show when={summary().rejected.length > 0}>
              <RejectedChanges db={summary().db} entries={summary().rejected} />
            </Show>
          </>
        )}
      </Show>
      <Show when={!shared}>
        <KeepOnDevice />
      </Show>
    </section>
  );
}

/** Writes the server refused: kept, shown with what to do, gone only when the person says so. */
function RejectedChanges(props: { db: UserDatabase; entries: OutboxEntry[] }) {
  return (
    <>
      <h3>{t("device.rejected.heading")}</h3>
      <ul class="device-records__rejected">
        <For each={props.entries}>
          {(entry) => (
            <li>
              <p class="device-records__change" id={`change-${entry.id}`}>
                {describeChange(entry)}
              </p>
              <Show when={entry.code}>{(code) => <ErrorExplanation code={code()} />}</Show>
              <Button
                aria-describedby={`change-${entry.id}`}
                onClick={() => {
                  if (entry.seq !== undefined) void dismissRejected(props.db, entry.seq);
                }}
              >
                {t("device.rejected.dismiss")}
              </Button>
            </li>
          )}
        </For>
      </ul>
    </>
  );
}

/** What a refused write was, in the person's words; each kind of mutation says its own. */
function describeChange(entry: OutboxEntry): string {
  switch (entry.name) {
    case "profile.setLanguage": {
      const locale = (entry.args as { locale?: unknown } | null)?.locale;
      const language = isLocale(locale) ? localeNames[locale] : String(locale);
      return t("device.changes.setLanguage", { language });
    }
    case "message.send":
      return t("device.changes.sendMessage");
    case "message.markRead":
      return t("device.changes.markRead");
    case "appointment.book":
      return t("device.changes.bookAppointment");
    case "appointment.cancel":
      return t("device.changes.cancelAppointment");
    case "appointment.reschedule":
      return t("device.changes.rescheduleAppointment");
    case "appointment.checkIn":
      return t("device.changes.checkIn");
  }
}

/** navigator.storage.persist(), asked only when the person presses the button. */
function KeepOnDevice() {
  // A signal, not a resource: nothing on the page should wait (suspend) for this answer.
  const [persistence, setPersistence] = createSignal<Persistence>();
  onMount(() => void storagePersistence().then(setPersistence));
  const [answer, setAnswer] = createSignal<Persistence>();
  const result = () => answer() ?? (persistence() === "persisted" ? "persisted" : undefined);
  const ask = async () => {
    const got = await askToPersist();
    setAnswer(got);
    announce(resultText(got));
  };
  return (
    <Show when={persistence() && persistence() !== "unsupported"}>
      <h3>{t("device.keep.heading")}</h3>
      <Show
        when={result()}
        fallback={
          <>
            <p id="keep-hint">{t("device.keep.hint")}</p>
            <Button onClick={() => void ask()} aria-describedby="keep-hint">
              {t("device.keep.button")}
            </Button>
          </>
        }
      >
        {(got) => <p>{resultText(got())}</p>}
      </Show>
    </Show>
  );
}

function resultText(result: Persistence): string {
  if (result === "persisted") return t("device.keep.persisted");
  if (result === "not-persisted") return t("device.keep.notPersisted");
  return t("device.keep.unsupported");
}
