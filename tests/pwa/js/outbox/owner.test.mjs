// Whose queued entries replay (pwa/js/outbox/owner.js): only the signed-in person's, and what
// waits on the phone for everyone else.
import { describe, it } from "node:test";
import assert from "node:assert/strict";

import { ownedBy, waitingForOthers } from "../../../../pwa/js/outbox/owner.js";

const ANNA = { id: "u-anna", name: "Anna" };
const BO = { id: "u-bo", name: "Bo" };
const CILLA = { id: "u-cilla", name: "Cilla" };

describe("ownedBy", () => {
  it("lets the signed-in person send their own entry", () => {
    assert.equal(ownedBy({ owner: ANNA }, ANNA), true);
  });

  it("never lets one person send another's entry", () => {
    assert.equal(ownedBy({ owner: ANNA }, BO), false);
  });

  it("goes by the user id, not the name", () => {
    assert.equal(ownedBy({ owner: ANNA }, { id: "u-other", name: "Anna" }), false);
    assert.equal(ownedBy({ owner: ANNA }, { id: "u-anna", name: "Anna Renamed" }), true);
  });

  it("lets whoever is signed in send an entry queued before owners were recorded", () => {
    assert.equal(ownedBy({}, BO), true);
  });

  it("lets nobody send anything when nobody is signed in", () => {
    assert.equal(ownedBy({ owner: ANNA }, null), false);
    assert.equal(ownedBy({}, null), false);
  });
});

describe("waitingForOthers", () => {
  it("counts scans and photos per other person, in the order first met", () => {
    const scans = [{ owner: BO }, { owner: CILLA }, { owner: BO }];
    const photos = [{ owner: CILLA }, { owner: BO }];
    assert.deepEqual(waitingForOthers(scans, photos, ANNA), [
      { id: "u-bo", name: "Bo", scans: 2, photos: 1 },
      { id: "u-cilla", name: "Cilla", scans: 1, photos: 1 },
    ]);
  });

  it("leaves out the signed-in person's own entries", () => {
    assert.deepEqual(waitingForOthers([{ owner: ANNA }], [{ owner: ANNA }], ANNA), []);
  });

  it("leaves out entries without an owner (the signed-in person sends them)", () => {
    assert.deepEqual(waitingForOthers([{}], [{}], ANNA), []);
  });

  it("counts everyone's entries when nobody is signed in", () => {
    assert.deepEqual(waitingForOthers([{ owner: ANNA }], [{ owner: BO }], null), [
      { id: "u-anna", name: "Anna", scans: 1, photos: 0 },
      { id: "u-bo", name: "Bo", scans: 0, photos: 1 },
    ]);
  });

  it("counts a person with only photos waiting", () => {
    assert.deepEqual(waitingForOthers([], [{ owner: BO }, { owner: BO }], ANNA),
      [{ id: "u-bo", name: "Bo", scans: 0, photos: 2 }]);
  });
});
