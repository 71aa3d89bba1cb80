import type { ErrorCode } from "../../../shared/errors.ts";
import { t } from "../../i18n/i18n.ts";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";

/**
 * A problem that is not about a form field (a list that could not load, a sign-out that
 * failed), explained by its code where it happened. The page keeps its one error summary for
 * forms (its heading id is unique on the page).
 */
export function ProblemBanner(props: { code: ErrorCode }) {
  return (
    <StatusBanner tone="error" title={t(`errors.${props.code}.message`)}>
      <ErrorExplanation code={props.code} showMessage={false} />
    </StatusBanner>
  );
}
