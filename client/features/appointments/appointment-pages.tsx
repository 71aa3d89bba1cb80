import { useLocation, useParams } from "@solidjs/router";
import { Match, Switch } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { Page } from "../../ui/page.tsx";
import AppointmentPage from "./appointment-page.tsx";
import AppointmentsPage from "./appointments-page.tsx";
import AvailabilityPage from "./availability-page.tsx";
import BookPage from "./book-page.tsx";
import CheckInPage from "./check-in-page.tsx";
import ClinicPage from "./clinic-page.tsx";

/**
 * Every appointments page in one lazy chunk behind two routes (`/appointments/*path` and
 * `/clinic/*path` in app.tsx), so the route table the sign-in page loads grows by two lines
 * instead of six. `path` is "", "book", "<id>" or "<id>/check-in"; for the clinician,
 * "appointments" or "availability".
 */
export default function AppointmentPages() {
  const params = useParams();
  const location = useLocation();
  const parts = () => (params.path ?? "").split("/").filter(Boolean);
  const clinic = () => location.pathname.startsWith("/clinic/");
  return (
    <Switch
      fallback={
        <Page title={t("appointments.title")}>
          <p>{t("appointments.detail.notFound")}</p>
          <p>
            <a href="/appointments">{t("appointments.detail.back")}</a>
          </p>
        </Page>
      }
    >
      <Match when={clinic() && parts().join("/") === "appointments"}>
        <ClinicPage />
      </Match>
      <Match when={clinic() && parts().join("/") === "availability"}>
        <AvailabilityPage />
      </Match>
      <Match when={!clinic() && parts().length === 0}>
        <AppointmentsPage />
      </Match>
      <Match when={!clinic() && parts().join("/") === "book"}>
        <BookPage />
      </Match>
      <Match when={!clinic() && parts().length === 1 && parts()[0]}>
        {(id) => <AppointmentPage id={id()} />}
      </Match>
      <Match when={!clinic() && parts().length === 2 && parts()[1] === "check-in" && parts()[0]}>
        {(id) => <CheckInPage id={id()} />}
      </Match>
    </Switch>
  );
}
