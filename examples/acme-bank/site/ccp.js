// Embeds the Contact Control Panel and shows the caller's details when a contact connects.
(function () {
  var instanceUrl = "https://acme-bank.my.connect.aws";
  connect.core.initCCP(document.getElementById("ccp"), {
    ccpUrl: instanceUrl + "/ccp-v2/",
    loginPopup: true,
    loginPopupAutoClose: true,
    softphone: { allowFramedSoftphone: true },
    pageOptions: { enableAudioDeviceSettings: true, enablePhoneTypeSettings: true }
  });
  connect.contact(function (contact) {
    contact.onConnected(function () {
      var attributes = contact.getAttributes();
      var channel = attributes.channel ? attributes.channel.value : contact.getType();
      document.getElementById("status").textContent =
        "Connected (" + channel + ") - queue " + contact.getQueue().name;
    });
    contact.onEnded(function () {
      document.getElementById("status").textContent = "Waiting for a contact…";
    });
  });
})();
