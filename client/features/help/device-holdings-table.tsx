import { liveQuery } from "dexie";
import { For, from, Show } from "solid-js";
import { currentLocale, t } from "../../i18n/i18n.ts";
import { deviceHoldings } from "../../local/device-holdings.ts";
import { createSignedInDatabase } from "../../local/signed-in-database.ts";
import type { UserDatabase } from "../../local/user-database.ts";
import "./device-holdings.css";

/**
 * What this device stores, by kind of resource, for the person checking their device and for
 * support reading it with them (Help → Check my device). A storage view: My health record
 * counts the record's parts by what the pages show (record-counts.ts).
 */
export default function DeviceHoldings() {
  const db = createSignedInDatabase();
  return (
    <Show when={db()} keyed>
      {(open) => <HoldingsTable db={open} />}
    </Show>
  );
}

function HoldingsTable(props: { db: UserDatabase }) {
  const db = props.db;
  const rows = from(liveQuery(() => deviceHoldings(db)));
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
