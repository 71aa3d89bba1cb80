import { For, Show } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { ItemPage, SectionPage } from "./item-page.tsx";
import { oneItem } from "./one-item.ts";
import { type ProblemView, problems, problemView } from "./problems.ts";
import { Clinical, Fact, When } from "./record-parts.tsx";

const states = ["active", "recurrence", "relapse", "inactive", "remission", "resolved"] as const;
const kinds = ["problem-list-item", "encounter-diagnosis"] as const;

function ProblemFacts(props: { problem: ProblemView; full?: boolean }) {
  const p = () => props.problem;
  const state = () => states.find((s) => s === p().status);
  const kind = () => kinds.find((k) => k === p().kind);
  return (
    <dl class="record-facts">
      <Fact label={t("record.problems.status")}>
        <Show when={p().status} fallback={t("record.problems.statusNotRecorded")}>
          {(status) => (
            <Show when={state()} fallback={<Clinical>{status()}</Clinical>}>
              {(known) => t(`record.problems.states.${known()}`)}
            </Show>
          )}
        </Show>
      </Fact>
      <Fact label={t("record.problems.since")} when={p().onset}>
        <When time={p().onset} />
      </Fact>
      <Fact label={t("record.problems.resolved")} when={p().resolved}>
        <When time={p().resolved} />
      </Fact>
      <Fact label={t("record.problems.kind")} when={kind()}>
        {t(`record.problems.kinds.${kind() as (typeof kinds)[number]}`)}
      </Fact>
      <Show when={props.full}>
        <Fact label={t("record.problems.recordedBy")} when={p().recorder}>
          <Clinical>{p().recorder}</Clinical>
        </Fact>
      </Show>
    </dl>
  );
}

function ProblemList(props: { items: ProblemView[] }) {
  return (
    <Show when={props.items.length > 0} fallback={<p>{t("record.problems.none")}</p>}>
      <ul class="record-list">
        <For each={props.items}>
          {(p) => (
            <li class="record-card">
              <h3>
                <a href={`/record/problems/${encodeURIComponent(p.id)}`}>
                  <Clinical>{p.name}</Clinical>
                </a>
              </h3>
              <ProblemFacts problem={p} />
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

/**
 * Health problems (/record/problems): current (active, whatever the category), past, and, only
 * when there are some, those whose status the record does not say.
 */
export function ProblemsPage() {
  return (
    <SectionPage section="problems" query={problems}>
      {(record) => (
        <Show
          when={record.current.length + record.past.length + record.noStatus.length > 0}
          fallback={<p>{t("record.problems.empty")}</p>}
        >
          <h2>{t("record.problems.activeHeading")}</h2>
          <ProblemList items={record.current} />
          <h2>{t("record.problems.pastHeading")}</h2>
          <ProblemList items={record.past} />
          <Show when={record.noStatus.length > 0}>
            <h2>{t("record.problems.noStatusHeading")}</h2>
            <p>{t("record.problems.noStatusHint")}</p>
            <ProblemList items={record.noStatus} />
          </Show>
        </Show>
      )}
    </SectionPage>
  );
}

/** One problem (/record/problems/:id). */
export function ProblemPage() {
  return (
    <ItemPage
      section="problems"
      query={(source, id) => oneItem(source, id, ["Condition"], problemView)}
      title={(p) => p.name}
    >
      {(p) => <ProblemFacts problem={p} full />}
    </ItemPage>
  );
}
