// The queue of messages written offline (pwa/js/outbox/message-policy.js): what one answer does
// to a queued message, which goes next, and which a conversation screen shows as waiting.
import { describe, it } from "node:test";
import assert from "node:assert/strict";

import {
  PHOTO_MAX_BYTES, anyWaiting, judgeSend, nextToSend, photoProblem, shownQueued,
} from "../../../../pwa/js/outbox/message-policy.js";

const ANNA = { id: "u-anna", name: "Anna" };
const BO = { id: "u-bo", name: "Bo" };

/** A queued message as the store keeps it. @param {number} seq @param {object} [extra] */
function queued(seq, extra = {}) {
  return { seq, clientId: `c-${seq}`, conversationId: "k-1", body: `Meddelande ${seq}`,
           at: "2026-12-07T09:00:00.000Z", owner: ANNA, ...extra };
}

const REFUSED = { status: 404, error: "not_found", detail: "No such conversation." };

describe("judgeSend", () => {
  it("keeps the message when no answer came", () => {
    assert.equal(judgeSend(null), "wait");
  });

  it("is done when the server made the message (201) or had it already (200)", () => {
    assert.equal(judgeSend({ status: 201 }), "sent");
    assert.equal(judgeSend({ status: 200 }), "sent");
  });

  it("keeps the message on a server error", () => {
    for (const status of [500, 502, 503, 504]) assert.equal(judgeSend({ status, error: "internal" }), "wait");
  });

  it("keeps the message when the server asks to wait or the session needs renewing", () => {
    for (const status of [401, 403, 408, 429]) assert.equal(judgeSend({ status }), "wait", String(status));
  });

  it("keeps a message the server says is someone else's on this phone", () => {
    assert.equal(judgeSend({ status: 409, error: "other_user" }), "wait");
  });

  it("moves the message aside when the conversation is gone", () => {
    assert.equal(judgeSend({ status: 404, error: "not_found" }), "refused");
  });

  it("moves the message aside when its text can never be taken", () => {
    assert.equal(judgeSend({ status: 422, error: "message_too_long" }), "refused");
    assert.equal(judgeSend({ status: 409, error: "client_id_taken" }), "refused");
  });
});

describe("nextToSend", () => {
  it("sends the oldest message first", () => {
    assert.equal(nextToSend([queued(1), queued(2)], ANNA)?.seq, 1);
  });

  it("skips a refused message: it holds nothing back", () => {
    assert.equal(nextToSend([queued(1, { refused: REFUSED }), queued(2)], ANNA)?.seq, 2);
  });

  it("never sends another person's message", () => {
    assert.equal(nextToSend([queued(1, { owner: BO }), queued(2)], ANNA)?.seq, 2);
    assert.equal(nextToSend([queued(1, { owner: BO })], ANNA), null);
  });

  it("sends nothing when nobody is signed in", () => {
    assert.equal(nextToSend([queued(1)], null), null);
  });

  it("has nothing to send when only refused messages are left", () => {
    assert.equal(nextToSend([queued(1, { refused: REFUSED })], ANNA), null);
    assert.equal(anyWaiting([queued(1, { refused: REFUSED })], ANNA), false);
    assert.equal(anyWaiting([queued(1, { refused: REFUSED }), queued(2)], ANNA), true);
  });
});

describe("shownQueued", () => {
  it("shows the signed-in person's queued messages of this conversation, in order", () => {
    const entries = [queued(1), queued(2, { conversationId: "k-2" }), queued(3, { refused: REFUSED })];
    assert.deepEqual(shownQueued(entries, "k-1", ANNA, []).map((e) => e.seq), [1, 3]);
  });

  it("shows a message once: the server's copy when its page has it", () => {
    assert.deepEqual(shownQueued([queued(1), queued(2)], "k-1", ANNA, ["c-1"]).map((e) => e.seq), [2]);
  });

  it("shows a photo refused after its text was sent, though the server's page has the text", () => {
    const photoRefused = queued(1, { refused: { ...REFUSED, photoOnly: true } });
    assert.deepEqual(shownQueued([photoRefused, queued(2, { refused: REFUSED })], "k-1", ANNA, ["c-1", "c-2"])
      .map((e) => e.seq), [1]);
  });

  it("hides another person's queued messages", () => {
    assert.deepEqual(shownQueued([queued(1, { owner: BO })], "k-1", ANNA, []), []);
    assert.deepEqual(shownQueued([queued(1)], "k-1", null, []), []);
  });
});

describe("photoProblem", () => {
  it("takes no photo and a photo within the server's bound", () => {
    assert.equal(photoProblem(null), null);
    assert.equal(photoProblem({ size: PHOTO_MAX_BYTES, type: "image/jpeg" }), null);
  });

  it("refuses a photo over the bound and a file that is not an image, before they wait", () => {
    assert.equal(photoProblem({ size: PHOTO_MAX_BYTES + 1, type: "image/jpeg" }), "photo_too_large");
    assert.equal(photoProblem({ size: 10, type: "application/pdf" }), "not_an_image");
  });
});
