// The demo site's articles in German, French, Spanish and Arabic: three of its English articles, each under the
// English one's slug (the key translations share), so a visitor whose language is one of these reads them in it
// and the others in English. Short on purpose; pure data.
import type { SeedArticle } from './seed-content.js';

const invoices = { slug: 'download-invoices', pagePaths: ['/billing'], popularity: 60 };
const tracking = { slug: 'track-your-order', pagePaths: ['/shipping', '/'], popularity: 95 };
const password = { slug: 'reset-password', pagePaths: ['/account', '/'], popularity: 88 };

export const demoTranslations: SeedArticle[] = [
  {
    ...invoices,
    locale: 'de',
    title: 'Rechnungen und Mehrwertsteuerbelege herunterladen',
    markdown: `Zu jeder Bestellung bei Northwind Outfitters gibt es eine Rechnung, sobald die Zahlung eingezogen ist – normalerweise beim Versand Ihres Pakets.

1. Melden Sie sich an und öffnen Sie **Konto → Bestellverlauf**.
2. Wählen Sie die Bestellung aus.
3. Klicken Sie auf **Rechnung herunterladen (PDF)**.

Brauchen Sie eine Rechnung auf einen Firmennamen? Schreiben Sie uns über „Kontakt“, wir stellen sie gern neu aus.`,
  },
  {
    ...invoices,
    locale: 'fr',
    title: 'Télécharger vos factures et justificatifs de TVA',
    markdown: `Chaque commande passée chez Northwind Outfitters reçoit une facture dès que le paiement est encaissé, en général à l'expédition de votre colis.

1. Connectez-vous et ouvrez **Compte → Historique des commandes**.
2. Choisissez la commande.
3. Cliquez sur **Télécharger la facture (PDF)**.

Besoin d'une facture au nom d'une entreprise ? Écrivez-nous via « Nous contacter » : nous la rééditerons.`,
  },
  {
    ...invoices,
    locale: 'es',
    title: 'Descargar facturas y justificantes de IVA',
    markdown: `Cada pedido en Northwind Outfitters tiene una factura en cuanto se cobra el pago, normalmente cuando se envía su paquete.

1. Inicie sesión y abra **Cuenta → Historial de pedidos**.
2. Seleccione el pedido.
3. Haga clic en **Descargar factura (PDF)**.

¿Necesita la factura a nombre de una empresa? Escríbanos desde «Contacto» y la emitiremos de nuevo.`,
  },
  {
    ...invoices,
    locale: 'ar',
    title: 'تنزيل الفواتير وإيصالات ضريبة القيمة المضافة',
    markdown: `تصدر لكل طلب من Northwind Outfitters فاتورة فور تحصيل الدفعة، وعادةً ما يكون ذلك عند شحن طردك.

1. سجّل الدخول وافتح **الحساب ← سجل الطلبات**.
2. اختر الطلب.
3. انقر على **تنزيل الفاتورة (PDF)**.

هل تحتاج إلى فاتورة باسم شركة؟ راسلنا عبر «اتصل بنا» وسنعيد إصدارها.`,
  },
  {
    ...tracking,
    locale: 'de',
    title: 'Ihre Bestellung verfolgen',
    markdown: `Sobald Ihr Paket unser Lager verlässt, erhalten Sie eine E-Mail mit der Sendungsnummer.

- Öffnen Sie **Konto → Bestellverlauf** und klicken Sie auf **Sendung verfolgen**.
- Die Sendungsverfolgung zeigt den neuesten Stand meist innerhalb von 24 Stunden nach dem Versand.

Steht die Sendung länger als fünf Werktage still, melden Sie sich bei uns: Wir fragen beim Versanddienst nach.`,
  },
  {
    ...tracking,
    locale: 'fr',
    title: 'Suivre votre commande',
    markdown: `Dès que votre colis quitte notre entrepôt, vous recevez un e-mail avec le numéro de suivi.

- Ouvrez **Compte → Historique des commandes** et cliquez sur **Suivre le colis**.
- Le suivi affiche la dernière étape, en général dans les 24 heures qui suivent l'expédition.

Si le suivi ne bouge plus depuis cinq jours ouvrés, contactez-nous : nous interrogerons le transporteur.`,
  },
  {
    ...tracking,
    locale: 'es',
    title: 'Seguir su pedido',
    markdown: `En cuanto su paquete sale de nuestro almacén, recibe un correo con el número de seguimiento.

- Abra **Cuenta → Historial de pedidos** y haga clic en **Seguir envío**.
- El seguimiento muestra el último estado, normalmente en las 24 horas siguientes al envío.

Si el seguimiento no avanza en cinco días laborables, contáctenos: consultaremos a la empresa de transporte.`,
  },
  {
    ...tracking,
    locale: 'ar',
    title: 'تتبّع طلبك',
    markdown: `فور مغادرة طردك مستودعنا تصلك رسالة بريد إلكتروني تتضمن رقم التتبع.

- افتح **الحساب ← سجل الطلبات** وانقر على **تتبّع الشحنة**.
- تظهر آخر حالة للشحنة عادةً خلال 24 ساعة من الشحن.

إذا لم تتغير حالة الشحنة لمدة خمسة أيام عمل، فتواصل معنا وسنستفسر لدى شركة الشحن.`,
  },
  {
    ...password,
    locale: 'de',
    title: 'Passwort zurücksetzen',
    markdown: `Passwort vergessen? So setzen Sie es zurück:

1. Klicken Sie bei der Anmeldung auf **Passwort vergessen?**.
2. Geben Sie die E-Mail-Adresse Ihres Kontos ein.
3. Öffnen Sie den Link in der E-Mail, die wir Ihnen senden; er ist eine Stunde lang gültig.

Keine E-Mail erhalten? Prüfen Sie Ihren Spam-Ordner oder fordern Sie nach einigen Minuten einen neuen Link an.`,
  },
  {
    ...password,
    locale: 'fr',
    title: 'Réinitialiser votre mot de passe',
    markdown: `Mot de passe oublié ? Voici comment le réinitialiser :

1. Sur la page de connexion, cliquez sur **Mot de passe oublié ?**.
2. Saisissez l'adresse e-mail de votre compte.
3. Ouvrez le lien de l'e-mail que nous vous envoyons ; il reste valable une heure.

Pas d'e-mail ? Vérifiez vos courriers indésirables ou demandez un nouveau lien après quelques minutes.`,
  },
  {
    ...password,
    locale: 'es',
    title: 'Restablecer su contraseña',
    markdown: `¿Ha olvidado su contraseña? Así puede restablecerla:

1. En la página de inicio de sesión, haga clic en **¿Ha olvidado su contraseña?**.
2. Escriba la dirección de correo de su cuenta.
3. Abra el enlace del correo que le enviamos; es válido durante una hora.

¿No le llega el correo? Revise la carpeta de spam o pida un enlace nuevo pasados unos minutos.`,
  },
  {
    ...password,
    locale: 'ar',
    title: 'إعادة تعيين كلمة المرور',
    markdown: `هل نسيت كلمة المرور؟ إليك طريقة إعادة تعيينها:

1. في صفحة تسجيل الدخول، انقر على **هل نسيت كلمة المرور؟**.
2. أدخل عنوان البريد الإلكتروني لحسابك.
3. افتح الرابط في الرسالة التي نرسلها إليك؛ وهو صالح لمدة ساعة واحدة.

لم تصلك الرسالة؟ تحقق من مجلد البريد العشوائي أو اطلب رابطًا جديدًا بعد بضع دقائق.`,
  },
];
