/*
 * The stand-in widget page (`/widget?website_token=…`): a tiny working chat that speaks Chatwoot's postMessage
 * protocol with the SDK in the parent page, and reports to the stand-in server what it receives.
 *
 * - It starts listening, and posts `loaded`, only after `boot.loadedDelayMs`: messages the parent posts earlier are
 *   LOST, exactly as with the real widget (nothing queues them).
 * - Every parent → widget event is recorded (window.__fakeWidget.received, and POST /__fake/widget/log).
 * - `set-user` is validated the way the real widget and server do (wrong shape, bad identifier_hash → error).
 * - Agent messages, postbacks and raw widget → parent events come from the server by short polling (no held
 *   connection, so many widget pages never exhaust the browser's per-host connection pool).
 * Plain ES2017, inlined into the page by the server; `boot` is a JSON script tag the server writes.
 */
(function () {
  'use strict';

  var PREFIX = 'chatwoot-widget:';
  var boot = JSON.parse(document.getElementById('fake-widget-boot').textContent);
  var state = {
    session: boot.session,
    websiteToken: boot.websiteToken,
    ready: false,
    isOpen: false,
    unreadViewShown: false,
    unreadCount: 0,
    config: {},
    locale: boot.channelConfig.locale,
    darkMode: 'light',
    bubbleHidden: false,
    isMobile: false,
    contact: boot.contact,
    messages: boot.messages.slice(),
    received: [],
    sent: [],
  };
  // Tests can read this through the frame too.
  window.__fakeWidget = state;

  var seq = 0;
  var pollAfter = 0;
  var list = document.getElementById('messages');
  var form = document.getElementById('composer');
  var input = document.getElementById('input');
  var status = document.getElementById('status');
  var closeButton = document.getElementById('close-window');

  // Chatwoot v4.15.1 `app/javascript/widget/App.vue` (`toggle-close-button` → `is-mobile`) and
  // `components/HeaderActions.vue` (`closeWindow`): on a phone, or with the bubble hidden, the widget draws its own
  // close button, which asks the SDK to close the window.
  function showCloseButton() {
    document.documentElement.classList.toggle('is-mobile', !!state.isMobile);
    document.documentElement.classList.toggle('is-bubble-hidden', !!state.bubbleHidden);
  }
  closeButton.addEventListener('click', function () {
    toParent('closeWindow');
  });

  function api(path, payload) {
    return fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      keepalive: true,
    }).then(function (response) {
      return response.json().then(function (json) {
        return { ok: response.ok, status: response.status, json: json };
      });
    });
  }

  // Contact and conversation changes go to the server one after another, in the order the parent sent them, so
  // `setLabel('a'); removeLabel('a')` always ends without the label.
  var serverQueue = Promise.resolve();
  function inOrder(path, payload) {
    var result = serverQueue.then(function () {
      return api(path, payload);
    });
    serverQueue = result.catch(function () {});
    return result;
  }

  // One request in flight at a time, the rest batched behind it: when a test sees an entry on the server, every
  // earlier entry of this page is there too. `seq` lets the server keep order even if a beacon overtakes.
  var pendingLog = [];
  var logInFlight = false;
  function log(direction, message) {
    seq += 1;
    pendingLog.push({ seq: seq, direction: direction, message: message });
    flushLog();
  }
  function flushLog() {
    if (logInFlight || !pendingLog.length) return;
    logInFlight = true;
    var batch = pendingLog;
    pendingLog = [];
    api('/__fake/widget/log', { session: state.session, entries: batch })
      .catch(function () {})
      .then(function () {
        logInFlight = false;
        flushLog();
      });
  }
  // A reset() or reload navigates this page away: hand what is left to a beacon, which survives unload.
  // The `bye` tells the server this page is gone, so pushes stop going to it.
  window.addEventListener('pagehide', function () {
    var body = JSON.stringify({ session: state.session, entries: pendingLog, bye: true });
    pendingLog = [];
    navigator.sendBeacon('/__fake/widget/log', new Blob([body], { type: 'application/json' }));
  });

  function toParent(event, data) {
    var message = { event: event };
    if (data) for (var key in data) message[key] = data[key];
    state.sent.push(message);
    log('sent', message);
    window.parent.postMessage(PREFIX + JSON.stringify(message), '*');
  }

  function emit(eventIdentifier, data) {
    toParent('onEvent', { eventIdentifier: eventIdentifier, data: data });
  }

  /* ---------- rendering ---------- */
  function render(message) {
    var item = document.createElement('li');
    item.className = message.message_type === 0 ? 'msg msg--visitor' : 'msg msg--agent';
    item.setAttribute('data-message-id', String(message.id));
    item.textContent = message.content;
    var attributes = message.content_attributes || {};
    var items = attributes.items || [];
    if (message.content_type === 'input_select') renderOptions(item, message, items, attributes.submitted_values);
    else if (message.content_type === 'cards') items.forEach(function (card) { renderCard(item, card); });
    var shown = list.querySelector('[data-message-id="' + message.id + '"]');
    if (shown) list.replaceChild(item, shown);
    else list.appendChild(item);
    list.scrollTop = list.scrollHeight;
  }

  // Chatwoot v4.15.1 `app/javascript/shared/components/ChatOptions.vue` + `AgentMessageBubble.vue` (`onOptionSelect`):
  // an option is submitted as the message's `submitted_values`; no postback. Once submitted the options go.
  function renderOptions(item, message, options, submitted) {
    if (submitted && submitted.length) {
      var chosen = document.createElement('span');
      chosen.className = 'option option--submitted';
      chosen.textContent = submitted[0].title || submitted[0].value;
      item.appendChild(chosen);
      return;
    }
    options.forEach(function (option) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'option';
      button.textContent = option.title;
      button.addEventListener('click', function () {
        inOrder('/__fake/widget/submit', { session: state.session, messageId: message.id, submittedValues: [option] })
          .catch(function () {});
      });
      item.appendChild(button);
    });
  }

  // Chatwoot v4.15.1 `app/javascript/shared/components/CardButton.vue`: only a card action of type `postback` posts
  // `postback { data: { payload } }` to the parent; a `link` action is a plain link in a new tab.
  function renderCard(item, card) {
    var box = document.createElement('div');
    box.className = 'card';
    var title = document.createElement('strong');
    title.textContent = card.title || '';
    box.appendChild(title);
    (card.actions || []).forEach(function (action) {
      var control;
      if (action.type === 'link') {
        control = document.createElement('a');
        control.href = action.uri;
        control.target = '_blank';
        control.rel = 'noopener nofollow noreferrer';
      } else {
        control = document.createElement('button');
        control.type = 'button';
        if (action.type === 'postback') {
          control.addEventListener('click', function () {
            toParent('postback', { data: { payload: action.payload } });
          });
        }
      }
      control.className = 'postback';
      control.textContent = action.text;
      box.appendChild(control);
    });
    item.appendChild(box);
  }

  // `message.updated` with changed `submitted_values` is re-sent to the SDK as `chatwoot:on-message`
  // (Chatwoot v4.15.1 `app/javascript/widget/helpers/IframeEventHelper.js` `shouldTriggerMessageUpdateEvent`).
  function onMessageUpdated(message) {
    var known = -1;
    for (var i = 0; i < state.messages.length; i++) if (state.messages[i].id === message.id) known = i;
    var stored = {};
    for (var key in message) if (key !== 'previous_changes') stored[key] = message[key];
    if (known === -1) state.messages.push(stored);
    else state.messages[known] = stored;
    render(stored);
    emit('chatwoot:on-message', message);
  }

  function showStatus() {
    var who = state.contact && state.contact.identifier !== null ? state.contact.name || state.contact.email : '';
    status.textContent = who ? 'Signed in as ' + who : 'Anonymous visitor';
    document.documentElement.setAttribute('data-theme', state.darkMode);
    document.documentElement.lang = state.locale || 'en';
  }

  /* ---------- parent → widget ---------- */
  var handlers = {
    'config-set': function (m) {
      state.config = m;
      if (m.locale) state.locale = m.locale;
      if (m.darkMode) state.darkMode = m.darkMode;
      state.bubbleHidden = !!m.hideMessageBubble;
      showStatus();
      showCloseButton();
    },
    'toggle-close-button': function (m) {
      state.isMobile = !!m.isMobile;
      showCloseButton();
    },
    'set-user': function (m) {
      // The real SDK re-sends the bare user object on `loaded`: no identifier, no user → rejected.
      var wellFormed =
        (typeof m.identifier === 'string' || typeof m.identifier === 'number') && m.user && typeof m.user === 'object';
      if (!wellFormed) {
        toParent('error', { errorType: 'SET_USER_ERROR', data: {} });
        return;
      }
      inOrder('/__fake/widget/set-user', { session: state.session, identifier: m.identifier, user: m.user })
        .then(function (result) {
          if (!result.ok) {
            toParent('error', { errorType: 'SET_USER_ERROR', data: result.json });
            return;
          }
          state.contact = result.json.contact;
          if (result.json.widgetAuthToken) {
            toParent('setAuthCookie', { data: { widgetAuthToken: result.json.widgetAuthToken } });
          }
          showStatus();
        })
        .catch(function () {});
    },
    'toggle-open': function (m) {
      state.isOpen = !!m.isOpen;
      if (!state.isOpen) {
        state.unreadViewShown = false;
        return;
      }
      // An open caused by our own unread preview is not the visitor reading the messages.
      if (state.unreadViewShown) return;
      if (state.unreadCount > 0) {
        state.unreadCount = 0;
        toParent('handleNotificationDot', { unreadMessageCount: 0 });
      }
    },
    'set-locale': function (m) {
      state.locale = m.locale;
      showStatus();
    },
    'set-color-scheme': function (m) {
      state.darkMode = m.darkMode;
      showStatus();
    },
    'sdk-set-bubble-visibility': function (m) {
      state.bubbleHidden = !!m.hideMessageBubble;
      showCloseButton();
    },
  };
  // Events that change the contact or conversation on the server.
  [
    'set-custom-attributes',
    'delete-custom-attribute',
    'set-conversation-custom-attributes',
    'delete-conversation-custom-attribute',
    'set-label',
    'remove-label',
  ].forEach(function (name) {
    handlers[name] = function (m) {
      inOrder('/__fake/widget/update', { session: state.session, message: m }).catch(function () {});
    };
  });

  function onParentMessage(e) {
    if (e.source !== window.parent) return;
    if (typeof e.data !== 'string' || e.data.indexOf(PREFIX) !== 0) return;
    var message;
    try {
      message = JSON.parse(e.data.slice(PREFIX.length));
    } catch (error) {
      return;
    }
    state.received.push(message);
    log('received', message);
    var handler = handlers[message.event];
    if (handler) handler(message);
  }

  /* ---------- server → widget (agent messages, postbacks, raw events) ---------- */
  function onAgentMessage(message) {
    state.messages.push(message);
    render(message);
    emit('chatwoot:on-message', message);
    if (state.isOpen && !state.unreadViewShown) return;
    state.unreadCount += 1;
    toParent('handleNotificationDot', { unreadMessageCount: state.unreadCount });
    if (state.config.showUnreadMessagesDialog !== false && !state.unreadViewShown) {
      state.unreadViewShown = true;
      toParent('setUnreadMode', { unreadMessageCount: state.unreadCount });
    }
  }

  function onPush(item) {
    if (item.kind === 'agent-message') onAgentMessage(item.message);
    else if (item.kind === 'postback') toParent('postback', { data: item.data });
    else if (item.kind === 'message-updated') onMessageUpdated(item.message);
    else if (item.kind === 'raw') toParent(item.event, item.data);
  }

  function poll() {
    fetch('/__fake/widget/poll?session=' + encodeURIComponent(state.session) + '&after=' + pollAfter)
      .then(function (response) {
        return response.ok ? response.json() : { items: [] };
      })
      .then(function (body) {
        body.items.forEach(function (item) {
          pollAfter = Math.max(pollAfter, item.seq);
          onPush(item);
        });
      })
      .catch(function () {})
      .then(function () {
        setTimeout(poll, boot.pollIntervalMs);
      });
  }

  /* ---------- visitor → agent ---------- */
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var content = input.value.trim();
    if (!content) return;
    input.value = '';
    // The visitor is looking at the conversation: the preview is now a real open.
    state.unreadViewShown = false;
    inOrder('/__fake/widget/messages', { session: state.session, content: content })
      .then(function (result) {
        if (!result.ok) return;
        var message = result.json.message;
        state.messages.push(message);
        render(message);
        if (result.json.conversationStarted) emit('chatwoot:on-start-conversation', { hasConversation: false });
        emit('chatwoot:on-message', message);
      })
      .catch(function () {});
  });

  state.messages.forEach(render);
  showStatus();

  // The trap: nothing listens (and nothing is queued) until the widget app has "booted".
  setTimeout(function () {
    window.addEventListener('message', onParentMessage);
    state.ready = true;
    toParent('loaded', { config: { authToken: boot.authToken, channelConfig: boot.channelConfig } });
    poll();
  }, boot.loadedDelayMs);
})();
