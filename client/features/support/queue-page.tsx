import { useSearchParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import {
  type QueueOrder,
  type QueueStatus,
  queueOrders,
  queueStatuses,
} from "../../../shared/contracts/support.ts";
import { formatDate, formatTime } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { Page } from "../../ui/page.tsx";
import { PendingChecks } from "./pending-checks.tsx";
import { PersonSearch } from "./person-search.tsx";
import { StaffOnly } from "./staff-only.tsx";
import { fetchQueue } from "./support-api.ts";
import "./support.css";

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === "string" && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/**
 * /support: the queue of help requests (open or handled, newest or oldest first) and account
 * search. The filter lives in the address, so the back button and a shared link keep it.
 */
export default function QueuePage() {
  return (
    <StaffOnly>
      <QueueContent />
    </StaffOnly>
  );
}

function QueueContent() {
  const [params, setParams] = useSearchParams();
  const status = () => pick<QueueStatus>(params.status, queueStatuses, "open");
  const order = () => pick<QueueOrder>(params.order, queueOrders, "newest");
  const [queue] = createResource(
    () => ({ status: status(), order: order() }),
    (filter) => fetchQueue(filter.status, filter.order),
  );
  const requests = () => {
    const result = queue();
    return result?.ok ? result.data.requests : undefined;
  };
  const failure = () => {
    const result = queue();
    return result && !result.ok ? result.code : undefined;
  };
  let statusSelect: HTMLSelectElement | undefined;
  let orderSelect: HTMLSelectElement | undefined;
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    setParams({ status: statusSelect?.value, order: orderSelect?.value });
  };

  return (
    <Page title={t("support.title")}>
      <div class="support-columns">
        <section class="support-panel" aria-labelledby="support-queue-heading">
          <h2 id="support-queue-heading">{t("support.queue.heading")}</h2>
          <form class="support-inline-form" onSubmit={apply}>
            <div>
              <label class="field__label" for="support-status">
                {t("support.queue.status")}
              </label>
              <select id="support-status" class="field__input" ref={statusSelect}>
                <For each={queueStatuses}>
                  {(value) => (
                    <option value={value} selected={value === status()}>
                      {t(`support.queue.${value}`)}
                    </option>
                  )}
                </For>
              </select>
            </div>
            <div>
              <label class="field__label" for="support-order">
                {t("support.queue.order")}
              </label>
              <select id="support-order" class="field__input" ref={orderSelect}>
                <For each={queueOrders}>
                  {(value) => (
                    <option value={value} selected={value === order()}>
                      {t(`support.queue.${value}`)}
                    </option>
                  )}
                </For>
              </select>
            </div>
            <Button type="submit">{t("support.queue.apply")}</Button>
          </form>
          <Show when={queue.loading}>
            <p>{t("support.loading")}</p>
          </Show>
          <Show when={failure()}>{(code) => <ErrorExplanation code={code()} />}</Show>
          <Show when={requests()}>
            {(list) => (
              <Show when={list().length > 0} fallback={<p>{t("support.queue.empty")}</p>}>
                <ul class="support-list">
                  <For each={list()}>
                    {(request) => (
                      <li>
                        <a href={`/support/requests/${request.reference}`}>
                          <bdi>{request.name}</bdi> — {request.reference}
                        </a>
                        <p class="secondary-text">
                          {t("support.queue.received", {
                            date: formatDate(request.createdAt),
                            time: formatTime(request.createdAt),
                          })}
                          {" · "}
                          {request.diagnosticCode
                            ? t("support.queue.code", { code: request.diagnosticCode })
                            : t("support.queue.noCode")}
                        </p>
                        <p class="support-quote">
                          <bdi>{request.message}</bdi>
                        </p>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            )}
          </Show>
        </section>
        <PersonSearch />
      </div>
      <PendingChecks />
    </Page>
  );
}
