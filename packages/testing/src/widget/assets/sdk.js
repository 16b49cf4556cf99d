/*
 * Stand-in for Chatwoot's official widget SDK (`/packs/js/sdk.js`), written for wootkit's tests.
 *
 * It copies the real SDK's BEHAVIOUR, traps included, because @wootkit/core proves its fixes against them:
 * - DOM nodes are created and `document.body` is captured when this file is evaluated: evaluated before <body>
 *   exists, `run()` throws half-way and leaves a half-made `window.$chatwoot`, so every later `run()` is ignored.
 * - A second `run()` returns at once when `window.$chatwoot` exists. There is no destroy.
 * - Listening is done by ASSIGNING `window.onmessage`: a host page that assigns it later silences the SDK.
 * - Nothing is queued: calls before the iframe's `loaded` message are posted to a page that is not listening.
 * - `toggleBubbleVisibility` throws before load (the bubble holder does not exist yet).
 * - On `loaded` the stored user is re-sent as `set-user` in the wrong shape (the widget rejects it), also after
 *   `reset()`; `chatwoot:ready` is never fired again once `reset()` has run.
 * - `reset()` deletes cookies without the `baseDomain` domain, so with `baseDomain` set they survive.
 * Plain ES2017, no build step: it is served as is.
 */
(function () {
  'use strict';

  var PREFIX = 'chatwoot-widget:';
  var BUBBLE_PATH =
    'M240.8 240.8H122.1C56.7 240.8 3.5 187.6 3.5 122.1C3.5 56.7 56.7 3.5 122.1 3.5C187.6 3.5 240.8 56.7 240.8 122.1V240.8Z';

  // Captured at evaluation time, like the real bundle's module-level constants (the root of the <head> trap).
  var body = document.getElementsByTagName('body')[0];
  var widgetHolder = document.createElement('div');
  var bubbleHolder = document.createElement('div');
  var chatBubble = document.createElement('button');
  var closeBubble = document.createElement('button');

  /* ---------- cookies (what js-cookie does for the real SDK: path=/, days, SameSite) ---------- */
  function getCookie(name) {
    var parts = document.cookie ? document.cookie.split('; ') : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (decodeURIComponent(parts[i].slice(0, eq)) === name) return decodeURIComponent(parts[i].slice(eq + 1));
    }
    return undefined;
  }
  function setCookie(name, value, options) {
    var opts = options || {};
    var text = encodeURIComponent(name) + '=' + encodeURIComponent(value) + '; path=/';
    var days = opts.expires === undefined ? 365 : opts.expires;
    text += '; expires=' + new Date(Date.now() + days * 864e5).toUTCString();
    if (opts.domain) text += '; domain=' + opts.domain;
    text += '; SameSite=Lax';
    document.cookie = text;
  }
  // Like js-cookie's remove(name) without attributes: only a host-only cookie at path=/ is deleted.
  function removeCookie(name) {
    document.cookie = encodeURIComponent(name) + '=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  }
  function setCookieWithDomain(name, value, baseDomain) {
    setCookie(name, typeof value === 'object' ? JSON.stringify(value) : value, { expires: 365, domain: baseDomain });
  }
  function userCookieName() {
    return 'cw_user_' + window.$chatwoot.websiteToken;
  }

  /*
   * The real SDK stores md5("avatar_url<v>email<v>name<v>identifier_hash<v>identifier<id>") in `cw_user_<token>`
   * and skips setUser when it matches. This stand-in keeps the same input string and the same skip rule but uses a
   * small deterministic hash (two FNV-1a passes) instead of md5: only equality matters.
   */
  function hashUserData(identifier, user) {
    var keys = ['avatar_url', 'email', 'name', 'identifier_hash'];
    var text = '';
    for (var i = 0; i < keys.length; i++) text += keys[i] + (user[keys[i]] || '');
    text += 'identifier' + (identifier === undefined ? '' : identifier);
    return fnv(text, 0x811c9dc5) + fnv(text, 0x01000193);
  }
  function fnv(text, seed) {
    var h = seed >>> 0;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    return ('0000000' + h.toString(16)).slice(-8);
  }
  function hasUserKeys(user) {
    return !!user && (!!user.avatar_url || !!user.email || !!user.name);
  }

  /* ---------- small DOM helpers ---------- */
  function addClasses(el, names) {
    el.classList.add.apply(el.classList, names.split(' '));
  }
  function removeClasses(el, names) {
    el.classList.remove.apply(el.classList, names.split(' '));
  }
  function dispatchWindowEvent(eventName, data) {
    window.dispatchEvent(new CustomEvent(eventName, { detail: data === undefined ? null : data }));
  }
  var pick = function (value, allowed) {
    return allowed.indexOf(value) !== -1 ? value : allowed[0];
  };
  var darkModeOf = function (value) {
    return pick(value, ['light', 'auto', 'dark']);
  };

  // The look follows Chatwoot v4.15.1 `app/javascript/sdk/sdk.js` (`SDK_CSS`): a 400px panel with a shadow above the
  // bubble on wide screens, the whole screen on a phone (max-width 667px), where the close bubble is hidden and the
  // widget shows its own close button (`toggle-close-button`); the close bubble draws its X from two bars.
  var STYLE_TEXT = [
    '.woot-widget-holder{position:fixed!important;z-index:2147483000!important;overflow:hidden!important;',
    'box-shadow:0 5px 40px rgba(0,0,0,.16)}',
    '.woot-widget-holder iframe{border:0;width:100%!important;height:100%!important;max-height:100vh!important}',
    '.woot-widget-holder.has-unread-view{border-radius:0!important;box-shadow:none!important}',
    '.woot-widget-bubble{position:fixed;bottom:20px;width:64px;height:64px;border-radius:100px;padding:0;',
    'border:0;cursor:pointer;z-index:2147483000!important;background:#1f93ff;overflow:hidden;',
    'box-shadow:0 8px 24px rgba(0,0,0,.16)}',
    '.woot-widget-bubble.woot-elements--left{left:20px}.woot-widget-bubble.woot-elements--right{right:20px}',
    '.woot-widget-bubble svg{margin:20px}',
    '.woot--close::before,.woot--close::after{content:" ";position:absolute;left:32px;top:20px;width:2px;',
    'height:24px;background-color:#fff}',
    '.woot--close::before{transform:rotate(45deg)}.woot--close::after{transform:rotate(-45deg)}',
    '.woot-widget-bubble.unread-notification::after{content:"";position:absolute;top:0;right:0;width:12px;',
    'height:12px;border-radius:50%;background:#ff4040}',
    '@media only screen and (max-width:667px){.woot-widget-holder{top:0;right:0;width:100%;height:100%}',
    '.woot-widget-bubble.woot--close{visibility:hidden!important;opacity:0}}',
    '@media only screen and (min-width:667px){.woot-widget-holder{bottom:104px;width:400px!important;',
    'height:calc(90% - 84px);max-height:640px!important;min-height:250px!important;border-radius:16px}',
    '.woot-widget-holder.woot-elements--left{left:20px}.woot-widget-holder.woot-elements--right{right:20px}}',
    '.woot--hide{display:none!important}.woot-hidden{display:none!important}',
  ].join('');

  // No nonce: a page with a strict style-src CSP blocks this tag (a trap wootkit documents).
  function loadCSS() {
    var style = document.createElement('style');
    style.innerHTML = STYLE_TEXT;
    style.id = 'cw-widget-styles';
    document.body.appendChild(style);
  }

  /* ---------- bubble ---------- */
  function onBubbleClick(props) {
    var toggleValue = props && typeof props === 'object' ? props.toggleValue : undefined;
    var isOpen = window.$chatwoot.isOpen;
    if (isOpen === toggleValue) return;
    var newIsOpen = toggleValue === undefined ? !isOpen : toggleValue;
    window.$chatwoot.isOpen = newIsOpen;
    chatBubble.classList.toggle('woot--hide');
    closeBubble.classList.toggle('woot--hide');
    widgetHolder.classList.toggle('woot--hide');
    IFrameHelper.events.onBubbleToggle(newIsOpen);
    dispatchWindowEvent(newIsOpen ? 'chatwoot:opened' : 'chatwoot:closed');
    if (!newIsOpen) chatBubble.focus();
  }

  function createBubbleHolder(hidden) {
    if (hidden) addClasses(bubbleHolder, 'woot-hidden');
    addClasses(bubbleHolder, 'woot--bubble-holder');
    bubbleHolder.id = 'cw-bubble-holder';
    body.appendChild(bubbleHolder);
  }

  function createBubbleIcon(className, target) {
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('id', 'woot-widget-bubble-icon');
    svg.setAttribute('width', '24');
    svg.setAttribute('height', '24');
    svg.setAttribute('viewBox', '0 0 240 240');
    svg.setAttribute('fill', 'none');
    var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', BUBBLE_PATH);
    path.setAttribute('fill', '#FFFFFF');
    svg.appendChild(path);
    target.appendChild(svg);
    target.className = className + ' woot-elements--' + window.$chatwoot.position;
    target.title = 'Open chat window';
    return target;
  }

  function onLocationChangeListener() {
    var oldHref = document.location.href;
    var referrerHost = document.location.host;
    IFrameHelper.events.onLocationChange({ referrerURL: oldHref, referrerHost: referrerHost });
    // Only DOM mutations are watched: a pushState that changes no DOM is never reported (a real SDK gap).
    new MutationObserver(function (mutations) {
      mutations.forEach(function () {
        if (oldHref !== document.location.href) {
          oldHref = document.location.href;
          IFrameHelper.events.onLocationChange({ referrerURL: oldHref, referrerHost: referrerHost });
        }
      });
    }).observe(document.querySelector('body'), { childList: true, subtree: true });
  }

  /* ---------- the iframe and its messages ---------- */
  var IFrameHelper = {
    getUrl: function (baseUrl, websiteToken) {
      return baseUrl + '/widget?website_token=' + websiteToken;
    },
    getAppFrame: function () {
      return document.getElementById('chatwoot_live_chat_widget');
    },
    createFrame: function (baseUrl, websiteToken) {
      if (IFrameHelper.getAppFrame()) return;
      loadCSS();
      var iframe = document.createElement('iframe');
      var conversationCookie = getCookie('cw_conversation');
      var url = IFrameHelper.getUrl(baseUrl, websiteToken);
      if (conversationCookie) url += '&cw_conversation=' + conversationCookie;
      iframe.src = url;
      iframe.allow = 'camera;microphone;fullscreen;display-capture;picture-in-picture;clipboard-write;';
      iframe.id = 'chatwoot_live_chat_widget';
      iframe.style.visibility = 'hidden';
      var holderClass = 'woot-widget-holder woot--hide woot-elements--' + window.$chatwoot.position;
      if (window.$chatwoot.hideMessageBubble) holderClass += ' woot-widget--without-bubble';
      if (window.$chatwoot.widgetStyle === 'flat') holderClass += ' woot-widget-holder--flat';
      addClasses(widgetHolder, holderClass);
      widgetHolder.id = 'cw-widget-holder';
      widgetHolder.appendChild(iframe);
      body.appendChild(widgetHolder);
      IFrameHelper.initPostMessageCommunication();
      window.addEventListener('resize', IFrameHelper.toggleCloseButton);
    },
    // Posts whether or not the widget listens yet: before `loaded` the message is simply lost.
    sendMessage: function (event, value) {
      var payload = { event: event };
      if (value && typeof value === 'object') for (var key in value) payload[key] = value[key];
      IFrameHelper.getAppFrame().contentWindow.postMessage(PREFIX + JSON.stringify(payload), '*');
    },
    initPostMessageCommunication: function () {
      // Assigned, not added: the trap wootkit must not repeat.
      window.onmessage = function (e) {
        if (typeof e.data !== 'string' || e.data.indexOf(PREFIX) !== 0) return;
        var message = JSON.parse(e.data.replace(PREFIX, ''));
        if (typeof IFrameHelper.events[message.event] === 'function') IFrameHelper.events[message.event](message);
      };
    },
    toggleCloseButton: function () {
      IFrameHelper.sendMessage('toggle-close-button', { isMobile: window.matchMedia('(max-width: 668px)').matches });
    },
    pushEvent: function (eventName) {
      IFrameHelper.sendMessage('push-event', { eventName: eventName });
    },
    onLoad: function (widgetColor) {
      var iframe = IFrameHelper.getAppFrame();
      iframe.style.visibility = '';
      if (document.getElementsByClassName('woot--bubble-holder').length) return;
      createBubbleHolder(window.$chatwoot.hideMessageBubble);
      onLocationChangeListener();
      var bubbleClass = 'woot-widget-bubble';
      var closeClass = 'woot-elements--' + window.$chatwoot.position + ' woot-widget-bubble woot--close woot--hide';
      if (window.$chatwoot.widgetStyle === 'flat') {
        bubbleClass += ' woot-widget-bubble--flat';
        closeClass += ' woot-widget-bubble--flat';
      }
      var icon = createBubbleIcon(bubbleClass, chatBubble);
      addClasses(closeBubble, closeClass);
      icon.style.background = widgetColor;
      closeBubble.style.background = widgetColor;
      bubbleHolder.appendChild(icon);
      bubbleHolder.appendChild(closeBubble);
      bubbleHolder.addEventListener('click', onBubbleClick);
    },
    events: {
      loaded: function (message) {
        setCookieWithDomain('cw_conversation', message.config.authToken, window.$chatwoot.baseDomain);
        window.$chatwoot.hasLoaded = true;
        IFrameHelper.sendMessage('config-set', {
          locale: window.$chatwoot.locale,
          position: window.$chatwoot.position,
          hideMessageBubble: window.$chatwoot.hideMessageBubble,
          showPopoutButton: window.$chatwoot.showPopoutButton,
          widgetStyle: window.$chatwoot.widgetStyle,
          darkMode: window.$chatwoot.darkMode,
          showUnreadMessagesDialog: window.$chatwoot.showUnreadMessagesDialog,
        });
        IFrameHelper.onLoad(message.config.channelConfig.widgetColor);
        IFrameHelper.toggleCloseButton();
        // The real SDK sends the bare user object, without `identifier`: the widget rejects it.
        if (window.$chatwoot.user) IFrameHelper.sendMessage('set-user', window.$chatwoot.user);
        if (!window.$chatwoot.resetTriggered) dispatchWindowEvent('chatwoot:ready');
      },
      error: function (message) {
        dispatchWindowEvent('chatwoot:error', message.data);
        if (message.errorType === 'SET_USER_ERROR') removeCookie(userCookieName());
      },
      onEvent: function (message) {
        dispatchWindowEvent(message.eventIdentifier, message.data);
      },
      setBubbleLabel: function (message) {
        if (window.$chatwoot.type !== 'expanded_bubble') return;
        var text = document.getElementById('woot-widget--expanded__text');
        if (text) text.innerText = window.$chatwoot.launcherTitle || message.label;
      },
      setAuthCookie: function (message) {
        setCookieWithDomain('cw_conversation', message.data.widgetAuthToken, window.$chatwoot.baseDomain);
      },
      postback: function (message) {
        dispatchWindowEvent('chatwoot:postback', message);
      },
      toggleBubble: function (state) {
        var props = {};
        if (state === 'open') props.toggleValue = true;
        else if (state === 'close') props.toggleValue = false;
        onBubbleClick(props);
      },
      popoutChatWindow: function (options) {
        var conversation = getCookie('cw_conversation');
        window.$chatwoot.toggle('close');
        var url =
          options.baseUrl +
          '/widget?website_token=' +
          options.websiteToken +
          '&cw_conversation=' +
          conversation +
          '&locale=' +
          options.locale;
        window.open(url, 'webwidget', 'resizable=off,width=400px,height=600px');
      },
      closeWindow: function () {
        onBubbleClick({ toggleValue: false });
        removeClasses(widgetHolder, 'has-unread-view');
      },
      onBubbleToggle: function (isOpen) {
        IFrameHelper.sendMessage('toggle-open', { isOpen: isOpen });
        if (isOpen) IFrameHelper.pushEvent('webwidget.triggered');
      },
      onLocationChange: function (location) {
        IFrameHelper.sendMessage('change-url', {
          referrerURL: location.referrerURL,
          referrerHost: location.referrerHost,
        });
      },
      updateIframeHeight: function (message) {
        var iframe = IFrameHelper.getAppFrame();
        var height = message.isFixedHeight ? (message.extraHeight || 0) + 'px' : '100%';
        if (iframe) iframe.setAttribute('style', 'height: ' + height + ' !important');
      },
      // Previews open the widget, so `chatwoot:opened` fires for them too.
      setUnreadMode: function () {
        addClasses(widgetHolder, 'has-unread-view');
        onBubbleClick({ toggleValue: true });
      },
      resetUnreadMode: function () {
        removeClasses(widgetHolder, 'has-unread-view');
      },
      // Only a CSS class on the bubble: no window event carries the count.
      handleNotificationDot: function (message) {
        if (window.$chatwoot.hideMessageBubble) return;
        var bubble = document.querySelector('.woot-widget-bubble');
        if (!bubble) return;
        if (message.unreadMessageCount > 0) addClasses(bubble, 'unread-notification');
        else if (message.unreadMessageCount === 0) removeClasses(bubble, 'unread-notification');
      },
      closeChat: function () {
        onBubbleClick({ toggleValue: false });
      },
      playAudio: function () {},
    },
  };

  /* ---------- run() ---------- */
  function runSDK(options) {
    if (window.$chatwoot) return;
    var baseUrl = options.baseUrl;
    var websiteToken = options.websiteToken;
    var settings = window.chatwootSettings || {};
    var locale = settings.locale;
    var baseDomain = settings.baseDomain;
    if (settings.useBrowserLanguage) locale = window.navigator.language.replace('-', '_');

    window.$chatwoot = {
      baseUrl: baseUrl,
      baseDomain: baseDomain,
      hasLoaded: false,
      hideMessageBubble: settings.hideMessageBubble || false,
      isOpen: false,
      position: settings.position === 'left' ? 'left' : 'right',
      websiteToken: websiteToken,
      locale: locale,
      useBrowserLanguage: settings.useBrowserLanguage || false,
      type: pick(settings.type, ['standard', 'expanded_bubble']),
      launcherTitle: settings.launcherTitle || '',
      showPopoutButton: settings.showPopoutButton || false,
      showUnreadMessagesDialog: settings.showUnreadMessagesDialog === undefined ? true : settings.showUnreadMessagesDialog,
      widgetStyle: pick(settings.widgetStyle, ['standard', 'flat']),
      resetTriggered: false,
      darkMode: darkModeOf(settings.darkMode),

      toggle: function (state) {
        IFrameHelper.events.toggleBubble(state);
      },
      // Before load the holders are not in the DOM: classList on null throws, as in the real SDK.
      toggleBubbleVisibility: function (visibility) {
        var bubble = document.querySelector('.woot--bubble-holder');
        var holder = document.querySelector('.woot-widget-holder');
        if (visibility === 'hide') {
          addClasses(holder, 'woot-widget--without-bubble');
          addClasses(bubble, 'woot-hidden');
          window.$chatwoot.hideMessageBubble = true;
        } else if (visibility === 'show') {
          removeClasses(bubble, 'woot-hidden');
          removeClasses(holder, 'woot-widget--without-bubble');
          window.$chatwoot.hideMessageBubble = false;
        }
        IFrameHelper.sendMessage('sdk-set-bubble-visibility', {
          hideMessageBubble: window.$chatwoot.hideMessageBubble,
        });
      },
      popoutChatWindow: function () {
        IFrameHelper.events.popoutChatWindow({
          baseUrl: window.$chatwoot.baseUrl,
          websiteToken: window.$chatwoot.websiteToken,
          locale: locale,
        });
      },
      setUser: function (identifier, user) {
        if (typeof identifier !== 'string' && typeof identifier !== 'number') {
          throw new Error('Identifier should be a string or a number');
        }
        if (!hasUserKeys(user)) {
          throw new Error('User object should have one of the keys [avatar_url, email, name]');
        }
        var cookieName = userCookieName();
        var hash = hashUserData(identifier, user);
        if (hash === getCookie(cookieName)) return;
        window.$chatwoot.identifier = identifier;
        window.$chatwoot.user = user;
        IFrameHelper.sendMessage('set-user', { identifier: identifier, user: user });
        setCookieWithDomain(cookieName, hash, baseDomain);
      },
      setCustomAttributes: function (customAttributes) {
        if (!customAttributes || !Object.keys(customAttributes).length) {
          throw new Error('Custom attributes should have atleast one key');
        }
        IFrameHelper.sendMessage('set-custom-attributes', { customAttributes: customAttributes });
      },
      deleteCustomAttribute: function (customAttribute) {
        if (!customAttribute) throw new Error('Custom attribute is required');
        IFrameHelper.sendMessage('delete-custom-attribute', { customAttribute: customAttribute });
      },
      setConversationCustomAttributes: function (customAttributes) {
        if (!customAttributes || !Object.keys(customAttributes).length) {
          throw new Error('Custom attributes should have atleast one key');
        }
        IFrameHelper.sendMessage('set-conversation-custom-attributes', { customAttributes: customAttributes });
      },
      deleteConversationCustomAttribute: function (customAttribute) {
        if (!customAttribute) throw new Error('Custom attribute is required');
        IFrameHelper.sendMessage('delete-conversation-custom-attribute', { customAttribute: customAttribute });
      },
      setLabel: function (label) {
        IFrameHelper.sendMessage('set-label', { label: label || '' });
      },
      removeLabel: function (label) {
        IFrameHelper.sendMessage('remove-label', { label: label || '' });
      },
      setLocale: function (localeToUse) {
        IFrameHelper.sendMessage('set-locale', { locale: localeToUse || 'en' });
      },
      setColorScheme: function (darkMode) {
        IFrameHelper.sendMessage('set-color-scheme', { darkMode: darkModeOf(darkMode || 'light') });
      },
      reset: function () {
        if (window.$chatwoot.isOpen) IFrameHelper.events.toggleBubble();
        // No domain attribute: cookies written under `baseDomain` survive this.
        removeCookie('cw_conversation');
        removeCookie(userCookieName());
        var iframe = IFrameHelper.getAppFrame();
        iframe.src = IFrameHelper.getUrl(window.$chatwoot.baseUrl, window.$chatwoot.websiteToken);
        window.$chatwoot.resetTriggered = true;
      },
    };

    IFrameHelper.createFrame(baseUrl, websiteToken);
  }

  window.chatwootSDK = { run: runSDK };
})();
