// The annual accounts upload takes a file of up to 5 MB: its route, and its single-fetch data
// request, get the upload body limit (and multipart), every other form the small one.
import { describe, expect, it } from "vitest";
import { bodyLimitFor, FORM_BODY_LIMIT, UPLOAD_BODY_LIMIT } from "../../../server/request-body";

describe("body limit of the annual accounts upload", () => {
  it("is the upload limit on /inkoop/jaarrekeningen and its .data request", () => {
    expect(bodyLimitFor("/inkoop/jaarrekeningen")).toBe(UPLOAD_BODY_LIMIT);
    expect(bodyLimitFor("/inkoop/jaarrekeningen.data")).toBe(UPLOAD_BODY_LIMIT);
    expect(bodyLimitFor("/inkoop/jaarrekeningen/")).toBe(UPLOAD_BODY_LIMIT);
  });

  it("stays the form limit on look-alike paths", () => {
    expect(bodyLimitFor("/inkoop/jaarrekeningenx")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor("/inkoop/jaarrekeningen/iets")).toBe(FORM_BODY_LIMIT);
  });
});
