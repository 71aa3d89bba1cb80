import { For, Show } from "solid-js";
import { currentLocale, t } from "../../i18n/i18n.ts";
import { deviceHoldings } from "../../local/device-holdings.ts";
import { createDeviceQuery, readValue } from "../../local/device-query.ts";
import "./device-holdings.css";

/**
 * What this device stores, by kind of resource, for the person checking their device and for
 * support reading it with them (Help → Check my device). A storage view: My health record
 * counts the record's parts by what the pages show (record-counts.ts).
 */
export default function DeviceHoldings() {
  const read = createDeviceQuery(
    () =>
      ({ db }) =>
        deviceHoldings(db),
  );
  const rows = () => readValue(read());
  const number = (n: number) => new Intl.NumberFormat(currentLocale()).format(n);
  return (
    <section class="device-holdings" id="device-holdings" aria-labelledby="device-holdings-heading">
      <h2 id="device-holdings-heading">{t("device.heading")}</h2>
      <Show when={rows()}>
        {(held) => (
          <Show when={held().length > 0} fallback={<p>{t("device.nothingYet")}</p>}>
            <table class="device-holdings__table">
              <caption>{t("device.countsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("device.kind")}</th>
                  <th scope="col">{t("device.count")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={held()}>
                  {(row) => (
                    <tr>
                      <th scope="row">{t(`device.kinds.${row.kind}`)}</th>
                      <td>{number(row.n)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Show>
    </section>
  );
}
