import { t } from "../../i18n/i18n.ts";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { Page } from "../../ui/page.tsx";

/** Any address the app does not know. Shows REQ-304, like every other error, with its code. */
export default function NotFoundPage() {
  return (
    <Page title={t("notFound.title")}>
      <ErrorExplanation code="REQ-304" />
      <p>
        <a href="/">{t("notFound.goHome")}</a>
      </p>
    </Page>
  );
}
