// The playbook file: what PromoGuard exports reads back as the same playbook, and a file that is not
// one (or holds something a store could not take) is refused with the place and the reason, in
// words, before anything is saved. Editing variables checks each value the same way.
import { describe, expect, it } from "vitest";
import { parsePlaybookFile, playbookFile, readPlaybookDocument, type PlaybookDocument } from "~/domain/agency/playbook-document";
import { readVariableForm, variableField } from "~/domain/agency/variables";
import { playbookDocument } from "../governance/matrix-agency";

const problemsOf = (value: unknown) => {
  const reading = readPlaybookDocument(value);
  return reading.ok ? [] : reading.problems;
};

const edited = (change: (document: PlaybookDocument) => void) => {
  const document = structuredClone(playbookDocument("Spring")) as PlaybookDocument;
  change(document);
  return document;
};

describe("the playbook file", () => {
  it("reads back exactly as exported", () => {
    const document = playbookDocument("Spring");
    const reading = parsePlaybookFile(playbookFile(document));
    expect(reading).toEqual({ ok: true, document });
  });

  it("refuses what is not a playbook file, saying what to choose instead", () => {
    expect(parsePlaybookFile("code\nSPRING10\n")).toEqual({
      ok: false,
      problems: ["The file isn't JSON. Choose the .json file PromoGuard exported for a playbook."],
    });
    expect(parsePlaybookFile('{"campaigns": []}')).toEqual({
      ok: false,
      problems: ['This isn\'t a PromoGuard playbook file (it has no "format": "promoguard.playbook").'],
    });
    expect(parsePlaybookFile(`${" ".repeat(1_000_001)}{}`).ok).toBe(false);
  });

  it("names the campaign or variable and the field of each problem of shape", () => {
    expect(problemsOf({ ...playbookDocument("Spring"), surprise: 1 })).toEqual(["In the file: has fields PromoGuard doesn't know: surprise."]);
    expect(problemsOf(edited((document) => ((document.campaigns[0] as { channel: string }).channel = "billboard")))).toEqual([
      'In campaign 1 (“Spring 10%”), channel: must be one of "", "email", "social", "affiliate", "abandoned_cart", "post_purchase", "influencer", "other".',
    ]);
    expect(problemsOf(edited((document) => ((document.variables[2] as { daysAfterApply: unknown }).daysAfterApply = "soon")))).toEqual([
      "In variable 3 (“Spring: starts”), daysAfterApply: needs a number.",
    ]);
    expect(problemsOf(edited((document) => delete (document as Partial<PlaybookDocument>).currency))).toEqual(["In currency: is missing."]);
  });

  it("checks each variable's value as the playbook page does", () => {
    expect(problemsOf(edited((document) => ((document.variables[0] as { amount: string }).amount = "lots")))).toEqual([
      "In variable 1 (“Spring: minimum subtotal”), amount: Enter an amount above 0 like 25.00.",
    ]);
    expect(problemsOf(edited((document) => ((document.variables[1] as { value: string }).value = "TWO WORDS")))[0]).toMatch(
      /^In variable 2 \(“Spring: code”\), value: /,
    );
  });

  it("refuses references to variables it lacks, and campaigns a store's campaign form would refuse", () => {
    expect(problemsOf(edited((document) => (document.campaigns[0].sharedCode = { $var: "nowhere" })))).toEqual([
      'Campaign “Spring 10%”: sharedCode must refer to a variable of kind "code".',
    ]);
    expect(problemsOf(edited((document) => ((document.campaigns[0].config.effects as { percentage: number }[])[0].percentage = 150)))).toEqual([
      "Campaign “Spring 10%”: Enter a percentage between 0.01 and 100, with at most 2 decimals.",
    ]);
    expect(
      problemsOf(edited((document) => document.variables.splice(3, 1, { key: "spring.ends", label: "Spring: ends", kind: "date", daysAfterApply: 0 }))),
    ).toEqual(["Campaign “Spring 10%”: The campaign must end after it starts."]);
    expect(problemsOf(edited((document) => (document.campaigns[0].config.effects as unknown[]).push({ type: "freeShipping" })))).toEqual([
      "Campaign “Spring 10%”: Its rules use more than a campaign's page can show (one effect, the conditions the form lists), so PromoGuard can't take them over as they are.",
    ]);
    expect(problemsOf(edited((document) => document.campaigns.push({ ...document.campaigns[0] })))).toEqual([
      "Campaign “Spring 10%”: another campaign has the key “spring”.",
    ]);
  });
});

describe("editing a playbook's variables", () => {
  const { variables } = playbookDocument("Spring");

  it("changes only what the form sends, and says which field is wrong and why", () => {
    const edit = readVariableForm(variables, { [variableField("spring.minimum", "value")]: "95.5", [variableField("spring.minimum", "convert")]: "" });
    expect(edit).toMatchObject({ ok: true, changed: ["Spring: minimum subtotal"] });
    if (edit.ok)
      expect(edit.variables[0]).toEqual({ key: "spring.minimum", label: "Spring: minimum subtotal", kind: "money", amount: "95.50", convert: false });
    expect(readVariableForm(variables, { [variableField("spring.starts", "value")]: "-1", [variableField("spring.code", "value")]: "" })).toEqual({
      ok: false,
      errors: {
        [variableField("spring.starts", "value")]: "Enter a whole number of days from 0 to 3650.",
        [variableField("spring.code", "value")]: "Code is empty.",
      },
    });
  });

  it("reads handles as Shopify writes them, and refuses what Shopify could not have", () => {
    const collection = [{ key: "collection:summer", label: "Summer", kind: "collection" as const, handle: "summer" }];
    expect(readVariableForm(collection, { [variableField("collection:summer", "value")]: "Sommer-Sale" })).toMatchObject({
      ok: true,
      variables: [{ handle: "sommer-sale" }],
    });
    expect(readVariableForm(collection, { [variableField("collection:summer", "value")]: "summer sale" })).toEqual({
      ok: false,
      errors: {
        [variableField("collection:summer", "value")]:
          "Enter the handle as Shopify shows it in the URL, e.g. summer-sale (lower-case, words joined by dashes).",
      },
    });
  });
});
