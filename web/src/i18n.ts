/**
 * Every string a person sees, in one table per language. Spanish comes first and is
 * the default: Cordón was made for the Spanish-speaking organisations it is named
 * after, and their words are kept (Cordones, JAP, Plan, Sala de operaciones).
 * `{name}` placeholders are filled by `translate`.
 */

const es = {
  'app.name': 'Cordón',
  'app.tagline': 'Coordinación económica democrática',
  'app.loading': 'Cargando…',
  'app.skipToContent': 'Saltar al contenido',
  'app.footer': 'Software libre bajo licencia AGPL-3.0. Cada acto queda en un registro público.',
  'app.pageTitle': '{page} · Cordón',

  'language.label': 'Idioma',
  'language.es': 'Español',
  'language.en': 'English',

  'login.heading': 'Iniciar sesión',
  'login.intro': 'Entra con el usuario y la contraseña que te entregó tu asamblea.',
  'login.username': 'Usuario',
  'login.password': 'Contraseña',
  'login.submit': 'Entrar',
  'login.submitting': 'Entrando…',
  'login.failed': 'No se pudo iniciar sesión.',
  'login.sessionEnded': 'Tu sesión terminó. Vuelve a entrar para continuar.',
  'login.signedOut': 'Cerraste la sesión.',

  'field.required': 'Este campo es obligatorio.',

  'error.unauthenticated': 'Usuario o contraseña incorrectos.',
  'error.rateLimited': 'Demasiados intentos. Espera un momento y vuelve a intentarlo.',
  'error.rateLimitedFor': 'Demasiados intentos. Vuelve a intentarlo en {seconds} segundos.',
  'error.rateLimitedForMinutes': 'Demasiados intentos. Vuelve a intentarlo en {minutes} minutos.',
  'error.invalid': 'Revisa los datos marcados.',
  'error.forbidden': 'No tienes permiso para hacer esto.',
  'error.network': 'No se pudo conectar con el servidor. Revisa tu conexión e inténtalo de nuevo.',
  'error.server': 'El servidor tuvo un problema. Inténtalo de nuevo más tarde.',
  'error.generic': 'Algo salió mal.',
  'error.serverSays': 'El servidor dice:',
  'error.logoutFailed': 'No se pudo cerrar la sesión. Inténtalo de nuevo.',

  'shell.signedInAs': 'Sesión iniciada como',
  'shell.admin': 'Administración',
  'shell.logout': 'Cerrar sesión',
  'shell.menu': 'Menú',
  'shell.navLabel': 'Secciones',

  'live.label': 'Actualizaciones en vivo',
  'live.connecting': 'Conectando…',
  'live.open': 'En vivo',
  'live.closed': 'Sin conexión en vivo',

  'nav.home': 'Inicio',
  'nav.councils': 'Cordones',
  'nav.supply': 'JAP',
  'nav.plan': 'Plan',
  'nav.monitor': 'Monitoreo',

  'home.heading': 'Resumen',
  'home.welcome': 'Hola, {name}.',
  'home.intro':
    'Cordón es la herramienta con que los trabajadores de un lugar de trabajo, una comuna o un país entero dirigen ellos mismos la producción y la distribución: mediante consejos de delegados revocables, con un plan de producción que el computador equilibra y que los consejos adoptan por votación.',
  'home.partsHeading': 'Las cuatro partes',
  'home.oneSystem':
    'Las partes forman un solo sistema: lo que falta en las JAP alimenta la demanda del Plan, el Plan se adopta por votación de los consejos, sus metas son lo que vigila el Monitoreo, y las alertas llegan a los consejos.',
  'home.open': 'Abrir {section}',

  'councils.heading': 'Cordones y consejos',
  'councils.summary': 'Delegados elegidos y revocables en cualquier momento.',
  'councils.description':
    'Una federación de cuerpos: las asambleas de base (de lugar de trabajo, JAP, campesinas, de soldados, sindicales) eligen delegados a los consejos de distrito —los cordones—, que envían delegados a los consejos regionales y a la asamblea popular nacional. Cualquier delegado puede ser revocado en cualquier momento por quienes lo eligieron, y su puesto se vuelve a llenar. Los cuerpos debaten y votan mociones (voto abierto o secreto, quórum, umbrales, varios métodos de conteo), las bases pueden dar mandatos a sus delegados, y cada acto queda en un registro público a prueba de alteraciones.',

  'supply.heading': 'JAP — Junta de Abastecimientos y Precios',
  'supply.summary': 'Raciones justas para cada hogar cuando no alcanza para todos.',
  'supply.description':
    'Las JAP inscriben a los hogares (tamaño, niños, necesidades especiales), reciben los bienes escasos, calculan la ración justa de cada hogar para el período cuando no hay suficiente para todos, y registran cada retiro para que ningún hogar retire dos veces y nada se pierda. La necesidad no cubierta sube como señal de demanda al Plan.',

  'plan.heading': 'Plan de producción',
  'plan.summary': 'Cuánto debe producir cada empresa, y con cuánto trabajo.',
  'plan.description':
    'Un modelo de insumo-producto de la economía (productos, empresas, coeficientes técnicos, capacidades, trabajo). A partir de las metas de demanda final que fija la asamblea, y de la demanda de las JAP, Cordón calcula la producción bruta que debe lograr cada empresa y el trabajo que requiere; cuando las capacidades o el trabajo no alcanzan, calcula el mejor plan factible. Las variantes del plan se someten a los consejos, y las metas del plan adoptado van a las empresas.',

  'monitor.heading': 'Sala de operaciones',
  'monitor.summary': 'Producción diaria, alertas que escalan y qué pone en riesgo una falla.',
  'monitor.description':
    'Las empresas informan su producción cada día; un filtro estadístico pronostica cada serie y levanta una alerta ante un cambio real, no ante el ruido. La alerta va al consejo de la empresa y sube por los consejos si no se atiende a tiempo. La sala de operaciones muestra el cumplimiento del plan, las alertas y lo que una falla significa aguas abajo: qué productos y qué raciones pone en riesgo.',

  'section.comingSoon': 'Esta sección se está construyendo. Pronto podrás trabajar aquí.',

  'notFound.heading': 'Página no encontrada',
  'notFound.body': 'No existe una página en esta dirección.',
  'notFound.back': 'Volver al inicio',
};

export type MessageKey = keyof typeof es;

const en: Record<MessageKey, string> = {
  'app.name': 'Cordón',
  'app.tagline': 'Democratic economic coordination',
  'app.loading': 'Loading…',
  'app.skipToContent': 'Skip to content',
  'app.footer': 'Free software under the AGPL-3.0 licence. Every act is kept on a public record.',
  'app.pageTitle': '{page} · Cordón',

  'language.label': 'Language',
  'language.es': 'Español',
  'language.en': 'English',

  'login.heading': 'Sign in',
  'login.intro': 'Sign in with the username and password your assembly gave you.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.failed': 'Could not sign in.',
  'login.sessionEnded': 'Your session has ended. Sign in again to continue.',
  'login.signedOut': 'You have signed out.',

  'field.required': 'This field is required.',

  'error.unauthenticated': 'Wrong username or password.',
  'error.rateLimited': 'Too many attempts. Wait a moment and try again.',
  'error.rateLimitedFor': 'Too many attempts. Try again in {seconds} seconds.',
  'error.rateLimitedForMinutes': 'Too many attempts. Try again in {minutes} minutes.',
  'error.invalid': 'Check the marked fields.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.network': 'Could not reach the server. Check your connection and try again.',
  'error.server': 'The server had a problem. Try again later.',
  'error.generic': 'Something went wrong.',
  'error.serverSays': 'The server says:',
  'error.logoutFailed': 'Could not sign out. Try again.',

  'shell.signedInAs': 'Signed in as',
  'shell.admin': 'Admin',
  'shell.logout': 'Sign out',
  'shell.menu': 'Menu',
  'shell.navLabel': 'Sections',

  'live.label': 'Live updates',
  'live.connecting': 'Connecting…',
  'live.open': 'Live',
  'live.closed': 'Live updates off',

  'nav.home': 'Home',
  'nav.councils': 'Councils',
  'nav.supply': 'Supply',
  'nav.plan': 'Plan',
  'nav.monitor': 'Monitor',

  'home.heading': 'Overview',
  'home.welcome': 'Hello, {name}.',
  'home.intro':
    'Cordón is how the working people of a workplace, a district or a whole country run production and distribution themselves: through councils of recallable delegates, with a plan of production that the computer balances and the councils adopt by vote.',
  'home.partsHeading': 'The four parts',
  'home.oneSystem':
    'The parts are one system: supply shortfalls feed plan demand, the plan is adopted by council vote, plan targets are what monitoring checks, and alerts go to the councils.',
  'home.open': 'Open {section}',

  'councils.heading': 'Councils',
  'councils.summary': 'Elected delegates, recallable at any time.',
  'councils.description':
    'A federation of bodies: base assemblies (workplace, neighbourhood supply committee, peasant, soldiers’, union) elect delegates to district councils — the cordones — which send delegates to regional councils and to the national popular assembly. Any delegate can be recalled at any time by their own constituency, and a vacated seat is refilled. Bodies debate and vote on motions (open or secret ballot, quorum, thresholds, several counting methods), base bodies can bind their delegates with mandates, and every act is on a public, tamper-evident record.',

  'supply.heading': 'Supply — JAP committees',
  'supply.summary': 'Fair rations for every household when there is not enough for all.',
  'supply.description':
    'Supply committees (JAP, Juntas de Abastecimientos y Precios) register households (size, children, special needs), receive scarce goods, compute each household’s fair ration for the period when there is not enough for everyone, and record every pickup so that no household collects twice and nothing goes missing. Unmet need flows upward as a demand signal to the plan.',

  'plan.heading': 'Production plan',
  'plan.summary': 'What each enterprise must produce, and the labour it takes.',
  'plan.description':
    'An input–output model of the economy (products, enterprises, technical coefficients, capacities, labour). From the final-demand targets set by the assembly, and from the supply committees’ demand, Cordón computes the gross output each enterprise must produce and the labour it takes; when capacities or labour do not suffice, it computes the best feasible plan. Plan variants are put to the councils, and the adopted plan’s targets go to the enterprises.',

  'monitor.heading': 'Operations room',
  'monitor.summary': 'Daily production, alerts that escalate, and what a shortfall puts at risk.',
  'monitor.description':
    'Enterprises report production daily; a statistical filter forecasts every series and raises an alert on a real change, not on noise. An alert goes to the enterprise’s council and escalates up the councils if it is not dealt with in time. The operations room shows plan fulfilment, alerts, and what a shortfall means downstream: which products and which rations it puts at risk.',

  'section.comingSoon': 'This section is being built. You will soon be able to work here.',

  'notFound.heading': 'Page not found',
  'notFound.body': 'There is no page at this address.',
  'notFound.back': 'Back to the overview',
};

export const languages = ['es', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'es';

export const messages: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { es, en };

export type MessageParams = Readonly<Record<string, string | number>>;

/** The message `key` in `language`, with each `{name}` replaced by `params.name`. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const text = messages[language][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

const storageKey = 'cordon.language';

/** The language chosen earlier on this device, else Spanish. */
export function loadLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  try {
    const stored = storage?.getItem(storageKey);
    return isLanguage(stored) ? stored : defaultLanguage;
  } catch {
    return defaultLanguage; // storage can throw when blocked (private mode, policies)
  }
}

export function saveLanguage(storage: Pick<Storage, 'setItem'> | undefined, language: Language): void {
  try {
    storage?.setItem(storageKey, language);
  } catch {
    // Not remembering the choice is acceptable; failing to switch is not.
  }
}
