import { For, Show } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { ItemPage, SectionPage } from "./item-page.tsx";
import { type MedicationView, medications, medicationView } from "./medications.ts";
import { oneItem } from "./one-item.ts";
import { Clinical, Fact, When } from "./record-parts.tsx";

/** A status word, translated when FHIR defines it, else the record's own code. */
function medicationState(status: string | undefined) {
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
  const found = known.find((k) => k === status);
  return found ? t(`record.medications.states.${found}`) : (status ?? t("record.notRecorded"));
}

function MedicationFacts(props: { medication: MedicationView; full?: boolean }) {
  const m = () => props.medication;
  return (
    <dl class="record-facts">
      <Fact label={t("record.medications.dose")} when={m().dose.length > 0 || m().asNeeded}>
        <Clinical>{m().dose.join(" ")}</Clinical>
        <Show when={m().asNeeded}> {t("record.medications.asNeeded")}</Show>
      </Fact>
      <Fact label={t("record.medications.status")}>{medicationState(m().status)}</Fact>
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
          <Clinical>{m().reasons.join(", ")}</Clinical>
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
            <MedicationFacts medication={m} />
          </li>
        )}
      </For>
    </ul>
  );
}

/** Medicines (/record/medications): taken now, then stopped or finished. */
export function MedicationsPage() {
  return (
    <SectionPage section="medications" query={medications}>
      {(all) => (
        <Show when={all.length > 0} fallback={<p>{t("record.medications.empty")}</p>}>
          <h2>{t("record.medications.activeHeading")}</h2>
          <Show
            when={all.some((m) => m.current)}
            fallback={<p>{t("record.medications.noneActive")}</p>}
          >
            <MedicationList items={all.filter((m) => m.current)} />
          </Show>
          <Show when={all.some((m) => !m.current)}>
            <h2>{t("record.medications.pastHeading")}</h2>
            <MedicationList items={all.filter((m) => !m.current)} />
          </Show>
        </Show>
      )}
    </SectionPage>
  );
}

/** One medicine (/record/medications/:id). */
export function MedicationPage() {
  return (
    <ItemPage
      section="medications"
      query={(source, id) =>
        oneItem(source, id, ["MedicationRequest", "MedicationStatement"], medicationView)
      }
      title={(m) => m.name}
    >
      {(m) => <MedicationFacts medication={m} full />}
    </ItemPage>
  );
}
