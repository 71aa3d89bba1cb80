import { For, Match, Show, Switch } from "solid-js";
import { formatList } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { type AllergyView, allergies, allergyView } from "./allergies.ts";
import { isolate } from "./bidi.ts";
import { ItemPage, SectionPage } from "./item-page.tsx";
import { oneItem } from "./one-item.ts";
import { Clinical, Fact, Isolated, When } from "./record-parts.tsx";

const severities = ["mild", "moderate", "severe"] as const;
const criticalities = ["low", "high", "unable-to-assess"] as const;
const categories = ["food", "medication", "environment", "biologic"] as const;
const states = ["active", "inactive", "resolved"] as const;

/** A FHIR code in words when it is one of `known`, else as the record wrote it (isolated). */
function word<K extends string>(
  known: readonly K[],
  value: string | undefined,
  say: (k: K) => string,
): string {
  const found = known.find((k) => k === value);
  return found ? say(found) : isolate(value ?? "");
}

/** The warning said before anything else about a life-threatening allergy. */
function LifeThreatening() {
  return (
    <div class="record-alert">
      <p>
        <strong>{t("record.allergies.lifeThreatening")}</strong>
      </p>
      <p>{t("record.allergies.lifeThreateningHint")}</p>
    </div>
  );
}

function AllergyFacts(props: { allergy: AllergyView }) {
  const a = () => props.allergy;
  return (
    <dl class="record-facts">
      {/* Whether a reaction was recorded matters to the patient, so its absence is said. */}
      <Fact label={t("record.allergies.reaction")} when={!a().noneKnown}>
        <Show when={a().reactions.length > 0} fallback={t("record.notRecorded")}>
          <Isolated text={formatList(a().reactions.map(isolate))} />
        </Show>
      </Fact>
      <Fact label={t("record.allergies.severity")} when={a().severity}>
        <Isolated
          text={word(severities, a().severity, (k) => t(`record.allergies.severities.${k}`))}
        />
      </Fact>
      <Fact label={t("record.allergies.criticality")} when={a().criticality}>
        <Isolated
          text={word(criticalities, a().criticality, (k) =>
            t(`record.allergies.criticalities.${k}`),
          )}
        />
      </Fact>
      <Fact label={t("record.allergies.category")} when={a().categories.length > 0}>
        <Isolated
          text={formatList(
            a().categories.map((c) =>
              word(categories, c, (k) => t(`record.allergies.categories.${k}`)),
            ),
          )}
        />
      </Fact>
      <Fact label={t("record.allergies.status")} when={a().status}>
        <Isolated text={word(states, a().status, (k) => t(`record.allergies.states.${k}`))} />
      </Fact>
      <Fact label={t("record.allergies.recorded")} when={a().recorded}>
        <When time={a().recorded} />
      </Fact>
      <Fact label={t("record.problems.recordedBy")} when={a().recorder}>
        <Clinical>{a().recorder}</Clinical>
      </Fact>
    </dl>
  );
}

/**
 * Allergies (/record/allergies). Three different things are said differently: allergies; "no
 * known allergies" (a clinician recorded there are none); and nothing recorded at all.
 * Life-threatening allergies come first, and their heading says so before the substance.
 */
export function AllergiesPage() {
  return (
    <SectionPage section="allergies" intro={t("record.allergies.intro")} query={allergies}>
      {(record) => (
        <Switch>
          <Match when={record.state === "nothing-recorded"}>
            <p class="record-notice">{t("record.allergies.nothingRecorded")}</p>
          </Match>
          <Match when={record.state === "none-known" && record}>
            {(known) => (
              <>
                <p class="record-notice">{t("record.allergies.noneKnown")}</p>
                <ul class="record-list">
                  <For each={known().entries}>
                    {(entry) => (
                      <li>
                        <a href={`/record/allergies/${encodeURIComponent(entry.id)}`}>
                          <Clinical>{entry.substance}</Clinical>
                        </a>
                        <dl class="record-facts">
                          <Fact label={t("record.allergies.recorded")} when={entry.recorded}>
                            <When time={entry.recorded} />
                          </Fact>
                        </dl>
                      </li>
                    )}
                  </For>
                </ul>
              </>
            )}
          </Match>
          <Match when={record.state === "allergies" && record}>
            {(list) => (
              <ul class="record-list">
                <For each={list().entries}>
                  {(a) => (
                    <li class="record-card" classList={{ "record-card--alert": a.lifeThreatening }}>
                      <h2>
                        <a href={`/record/allergies/${encodeURIComponent(a.id)}`}>
                          <Show
                            when={a.lifeThreatening}
                            fallback={<Clinical>{a.substance}</Clinical>}
                          >
                            <Isolated
                              text={t("record.allergies.lifeThreateningName", {
                                substance: isolate(a.substance),
                              })}
                            />
                          </Show>
                        </a>
                      </h2>
                      <Show when={a.lifeThreatening}>
                        <LifeThreatening />
                      </Show>
                      <AllergyFacts allergy={a} />
                    </li>
                  )}
                </For>
              </ul>
            )}
          </Match>
        </Switch>
      )}
    </SectionPage>
  );
}

/** One allergy (/record/allergies/:id). */
export function AllergyPage() {
  return (
    <ItemPage
      section="allergies"
      query={(source, id) => oneItem(source, id, ["AllergyIntolerance"], allergyView)}
      title={(a) => a.substance}
    >
      {(a) => (
        <>
          <Show when={a.lifeThreatening}>
            <LifeThreatening />
          </Show>
          <Show when={a.noneKnown}>
            <p class="record-notice">{t("record.allergies.noneKnown")}</p>
          </Show>
          <AllergyFacts allergy={a} />
        </>
      )}
    </ItemPage>
  );
}
