import { useParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { findGuide, type Guide } from "../../../shared/guides/index.ts";
import { t } from "../../i18n/i18n.ts";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { Page } from "../../ui/page.tsx";
import { GuideStep } from "./guide-step.tsx";
import { guideText } from "./guide-words.ts";
import "./help.css";

/**
 * One guide (/help/:guideId), one step or question at a time. The path walked so far is kept
 * so Back retraces it exactly, whatever branch led here. Works signed out and offline: the
 * guide is data in this chunk and its words are in the precached locale file.
 */
export default function GuidePage() {
  const params = useParams<{ guideId: string }>();
  return (
    <Show
      when={findGuide(params.guideId)}
      keyed
      fallback={
        <Page title={t("guides.ui.notFound")}>
          <ErrorExplanation code="REQ-304" />
          <p>
            <a href="/help">{t("guides.ui.allGuides")}</a>
          </p>
        </Page>
      }
    >
      {(guide) => <GuideFlow guide={guide} />}
    </Show>
  );
}

function GuideFlow(props: { guide: Guide }) {
  const [path, setPath] = createSignal<string[]>([props.guide.start]);
  const current = () => {
    const id = path().at(-1);
    return props.guide.nodes.find((node) => node.id === id) ?? props.guide.nodes[0];
  };
  const go = (next: string) => setPath([...path(), next]);
  const back = () => setPath(path().slice(0, -1));
  const restart = () => setPath([props.guide.start]);
  // Every step after the first one shown is a change the person asked for: focus follows it.
  let shown = 0;

  return (
    <Page title={guideText(`guides.${props.guide.id}.title`)}>
      <Show when={current()} keyed>
        {(node) => (
          <GuideStep
            guide={props.guide.id}
            node={node}
            number={path().length}
            onNext={go}
            moveFocus={shown++ > 0}
          />
        )}
      </Show>
      <div class="button-row guide-nav">
        <Show when={path().length > 1}>
          <button type="button" class="button button--secondary" onClick={back}>
            {t("guides.ui.back")}
          </button>
          <button type="button" class="button button--secondary" onClick={restart}>
            {t("guides.ui.startAgain")}
          </button>
        </Show>
      </div>
      <p>
        <a href="/help">{t("guides.ui.allGuides")}</a>
      </p>
    </Page>
  );
}
