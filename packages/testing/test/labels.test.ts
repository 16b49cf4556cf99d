import { describe, expect, it } from 'vitest';
import { call, useStandInPerTest } from './support/api';

const standIn = useStandInPerTest();

// Chatwoot v4.15.1: app/controllers/api/v1/accounts/labels_controller.rb, app/models/label.rb, app/policies/label_policy.rb.
describe('REST API stand-in: account labels', () => {
  it('lists an empty account as { payload: [] }, then the created labels ordered by title, downcased', async () => {
    expect(await call(standIn.fake, 'GET', `${standIn.base}/labels`)).toMatchObject({ status: 200, body: { payload: [] } });
    for (const title of ['VIP', 'billing']) {
      expect((await call(standIn.fake, 'POST', `${standIn.base}/labels`, { body: { label: { title } } })).status).toBe(200);
    }
    const { body } = await call(standIn.fake, 'GET', `${standIn.base}/labels`, { token: standIn.fake.api.tokens.agent });
    expect(body).toEqual({
      payload: [
        { id: expect.any(Number), title: 'billing', description: null, color: '#1f93ff', show_on_sidebar: null },
        { id: expect.any(Number), title: 'vip', description: null, color: '#1f93ff', show_on_sidebar: null },
      ],
    });
  });

  it('refuses a taken or malformed title with the model’s 422, and an agent’s create with 401', async () => {
    await call(standIn.fake, 'POST', `${standIn.base}/labels`, { body: { label: { title: 'vip' } } });
    expect(await call(standIn.fake, 'POST', `${standIn.base}/labels`, { body: { label: { title: 'VIP' } } })).toMatchObject({
      status: 422,
      body: { message: 'Title has already been taken', attributes: ['title'] },
    });
    expect(await call(standIn.fake, 'POST', `${standIn.base}/labels`, { body: { label: { title: 'two words' } } })).toMatchObject({
      status: 422,
      body: { message: 'Title is invalid' },
    });
    expect(
      (await call(standIn.fake, 'POST', `${standIn.base}/labels`, { body: { label: { title: 'x' } }, token: standIn.fake.api.tokens.agent })).status,
    ).toBe(401);
  });
});
