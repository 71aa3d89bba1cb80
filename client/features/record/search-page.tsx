import { createSignal, For, Show } from "solid-js";
import { currentLocale, t } from "../../i18n/i18n.ts";
import { createDeviceQuery } from "../../local/device-query.ts";
import { Button } from "../../ui/button.tsx";
import { Page } from "../../ui/page.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { plainNameOfCodes } from "./common-tests.ts";
import { createRecordFilter, FilterForm } from "./date-filter.tsx";
import { createFilterKey } from "./filter-key.ts";
import { formatNumber } from "./measure-text.ts";
import { When } from "./record-parts.tsx";
import { hrefOf, searchDevice } from "./record-search.ts";
import { TestName } from "./test-names.tsx";

const pageSize = 50;

/**
 * Search (/record/search?q=&from=&to=): names across the whole record on the device, with an
 * optional date window. The query lives in the URL, so the back button returns to the results.
 */
export default function SearchPage() {
  const filter = createRecordFilter();
  const [limit, setLimit] = createSignal(pageSize);
  createFilterKey(filter, () => setLimit(pageSize));
  const found = createDeviceQuery(() => {
    const query = filter.query();
    const window = { from: filter.from(), to: filter.to() };
    // Tests are found by the words of the language on screen: a new language searches again.
    currentLocale();
    return (source) => searchDevice(source, query, window);
  });
  const list = () => {
    const read = found();
    return read.state === "ready" ? read.value : undefined;
  };
  return (
    <Page title={t("record.search.title")}>
      <p class="secondary-text">{t("record.clinicalLanguage")}</p>
      <FilterForm
        filter={filter}
        idPrefix="search"
        legend={t("record.search.datesLegend")}
        submitLabel={t("record.search.submit")}
        before={(value, set) => (
          <TextField
            id="search-q"
            name="q"
            label={t("record.search.label")}
            hint={t("record.search.hint")}
            value={value()}
            onInput={set}
            spellcheck={false}
          />
        )}
      />
      <Show when={list()}>
        {(all) => (
          <section aria-labelledby="search-found">
            <h2 id="search-found">{t("record.search.found", { count: all().length })}</h2>
            <Show when={all().length > 0} fallback={<p>{t("record.search.nothing")}</p>}>
              <table class="record-table record-table--stack">
                <caption>{t("record.search.resultsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("record.search.name")}</th>
                    <th scope="col">{t("record.search.kind")}</th>
                    <th scope="col">{t("record.search.date")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={all().slice(0, limit())}>
                    {(item) => (
                      <tr>
                        <th scope="row">
                          <a href={hrefOf(item)}>
                            <TestName plain={plainNameOfCodes(item.codes)} clinic={item.name} />
                          </a>
                        </th>
                        <td data-label={t("record.search.kind")}>
                          {t(`record.kinds.${item.kind}`)}
                        </td>
                        <td data-label={t("record.search.date")}>
                          <When time={item.latest} />
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <Show when={all().length > limit()}>
                <p>
                  {t("record.shownOf", {
                    shown: formatNumber(limit()),
                    total: formatNumber(all().length),
                  })}{" "}
                  <Button onClick={() => setLimit((n) => n + pageSize)}>
                    {t("record.showMore")}
                  </Button>
                </p>
              </Show>
            </Show>
          </section>
        )}
      </Show>
    </Page>
  );
}
