import { For, Show } from "solid-js";
import { currentLocale, t } from "../../i18n/i18n.ts";
import { ItemPage, SectionPage } from "./item-page.tsx";
import { type MedicationView, medications, medicationView } from "./medications.ts";
import { oneItem } from "./one-item.ts";
import { deceasedOf } from "./patient-status.ts";
import { Clinical, Fact, Isolated, When } from "./record-parts.tsx";

/** A status word, translated when FHIR defines it, else the record's own code. */
function MedicationState(props: { status: string }) {
  const known = [
    "active",
    "stopped",
    "completed",
    "on-hold",
    "cancelled",
    "entered-in-error",
    "draft",
    "intended",
    "not-taken",
    "unknown",
  ] as const;
  const found = () => known.find((k) => k === props.status);
  return (
    <Show when={found()} fallback={<Clinical>{props.status}</Clinical>}>
      {(k) => t(`record.medications.states.${k()}`)}
    </Show>
  );
}

/** "Prescribed in 2004 — ask your clinic whether you still take this." */
function CheckNotice(props: { medication: MedicationView }) {
  return (
    <Show when={props.medication.group === "check" && props.medication.authoredYear}>
      {(year) => (
        <p class="record-caution">
          {t("record.medications.checkNotice", {
            year: new Intl.NumberFormat(currentLocale(), { useGrouping: false }).format(year()),
          })}
        </p>
      )}
    </Show>
  );
}

function MedicationFacts(props: { medication: MedicationView; full?: boolean }) {
  const m = () => props.medication;
  return (
    <dl class="record-facts">
      <Fact
        label={t("record.medications.dose")}
        when={m().dose.length + m().doseWords.length > 0 || m().asNeeded}
      >
        {/* As the clinic wrote it; else the structured dosage in the reader's words. */}
        <For each={m().dose}>
          {(words) => (
            <p>
              <Clinical>{words}</Clinical>
            </p>
          )}
        </For>
        <For each={m().doseWords}>
          {(words) => (
            <p>
              <Isolated text={words} />
            </p>
          )}
        </For>
        <Show when={m().asNeeded && m().doseWords.length === 0}>
          <p>{t("record.medications.asNeeded")}</p>
        </Show>
      </Fact>
      <Fact label={t("record.medications.status")} when={m().status}>
        <MedicationState status={m().status ?? ""} />
      </Fact>
      <Fact label={t("record.medications.prescriber")} when={m().prescriber}>
        <Clinical>{m().prescriber}</Clinical>
      </Fact>
      <Fact label={t("record.medications.started")} when={m().started}>
        <When time={m().started} />
      </Fact>
      <Fact label={t("record.medications.ended")} when={m().ended}>
        <When time={m().ended} />
      </Fact>
      <Show when={props.full}>
        <Fact label={t("record.medications.source")}>
          {t(`record.medications.kind.${m().kind}`)}
        </Fact>
        <Fact label={t("record.medications.reason")} when={m().reasons.length > 0}>
          <For each={m().reasons}>
            {(reason) => (
              <p>
                <Clinical>{reason}</Clinical>
              </p>
            )}
          </For>
        </Fact>
      </Show>
    </dl>
  );
}

function MedicationList(props: { items: MedicationView[] }) {
  return (
    <ul class="record-list">
      <For each={props.items}>
        {(m) => (
          <li class="record-card">
            <h3>
              <a href={`/record/medications/${encodeURIComponent(m.id)}`}>
                <Clinical>{m.name}</Clinical>
              </a>
            </h3>
            <CheckNotice medication={m} />
            <MedicationFacts medication={m} />
          </li>
        )}
      </For>
    </ul>
  );
}

/**
 * Medicines (/record/medications): taken now; old prescriptions still marked active, to check
 * with the clinic; a deceased patient's medicines still marked active; then stopped or finished.
 */
export function MedicationsPage() {
  return (
    <SectionPage section="medications" query={(source) => medications(source)}>
      {(all) => {
        const of = (group: MedicationView["group"]) => all.filter((m) => m.group === group);
        return (
          <Show when={all.length > 0} fallback={<p>{t("record.medications.empty")}</p>}>
            <h2>{t("record.medications.activeHeading")}</h2>
            <Show
              when={of("current").length > 0}
              fallback={<p>{t("record.medications.noneActive")}</p>}
            >
              <MedicationList items={of("current")} />
            </Show>
            <Show when={of("check").length > 0}>
              <h2>{t("record.medications.checkHeading")}</h2>
              <MedicationList items={of("check")} />
            </Show>
            <Show when={of("recordedActive").length > 0}>
              <h2>{t("record.medications.recordedActiveHeading")}</h2>
              <MedicationList items={of("recordedActive")} />
            </Show>
            <Show when={of("past").length > 0}>
              <h2>{t("record.medications.pastHeading")}</h2>
              <MedicationList items={of("past")} />
            </Show>
          </Show>
        );
      }}
    </SectionPage>
  );
}

/** One medicine (/record/medications/:id). */
export function MedicationPage() {
  return (
    <ItemPage
      section="medications"
      query={async (source, id) => {
        const { deceased } = await deceasedOf(source);
        return oneItem(source, id, ["MedicationRequest", "MedicationStatement"], (row, book) =>
          medicationView(row, book, Date.now(), deceased),
        );
      }}
      title={(m) => m.name}
    >
      {(m) => (
        <>
          <CheckNotice medication={m} />
          <MedicationFacts medication={m} full />
        </>
      )}
    </ItemPage>
  );
}
