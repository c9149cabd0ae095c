import { renderToString } from "react-dom/server";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { describe, expect, it } from "vitest";
import { RuleField } from "~/components/campaigns/RuleField";
import { CONDITION_FIELD, FORM_CONDITIONS, formFromConfig } from "~/domain/campaigns/config-form";
import type { CampaignConfig } from "promo-discount/config";

describe("a saved campaign reopened in its form", () => {
  it("shows the saved days of the week as pressed chips", () => {
    const values = formFromConfig({
      version: 1,
      weekdays: ["sat", "sun"],
      effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }],
    } as CampaignConfig);
    const weekdays = FORM_CONDITIONS.find((condition) => condition.keys.includes("weekdays" as never))!;
    const name = CONDITION_FIELD("weekdays");
    const html = renderToString(
      <AppProvider i18n={en}>
        <RuleField name={name} label="Days" schema={weekdays.args.weekdays!} value={values[name]} onChange={() => {}} />
      </AppProvider>,
    );
    const pressed = [...html.matchAll(/<button[^>]*>/g)]
      .filter(([button]) => /\saria-pressed="true"/.test(button))
      .map(([button]) => /aria-label="(\w+)"/.exec(button)?.[1]);
    expect(pressed).toEqual(["Saturday", "Sunday"]);
  });
});
