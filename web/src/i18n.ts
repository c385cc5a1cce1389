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
  'error.notFound': 'No existe lo que buscas: quizá la dirección está mal.',

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

  'action.cancel': 'Cancelar',
  'action.retry': 'Reintentar',

  'problem.not_member': 'No eres miembro de este cuerpo: solo sus miembros pueden hacer esto.',
  'problem.already_withdrawn': 'Ya habías retirado tu confianza en este mandato.',
  'problem.not_withdrawn': 'No habías retirado tu confianza en este mandato: no hay nada que restaurar.',
  'problem.seat_vacant': 'El escaño está vacante: no hay mandato que revocar.',
  'problem.already_voted': 'Ya votaste en esta elección: se vota una sola vez.',
  'problem.outside_window': 'La votación no está abierta en este momento: estás fuera de plazo.',
  'problem.not_chair': 'Solo la presidencia del cuerpo puede hacer esto.',
  'problem.not_nominating': 'Esta elección ya no recibe candidaturas.',
  'problem.no_candidates': 'Todavía no hay candidaturas: no se puede abrir la votación.',
  'problem.already_candidate': 'Ya tienes una candidatura en esta elección.',
  'problem.not_closed': 'La votación aún no cierra: el escrutinio se hace cuando termina el plazo.',
  'problem.already_counted': 'Esta elección ya fue escrutada: el resultado es definitivo.',
  'problem.not_counted': 'Las boletas se publican cuando termina el escrutinio.',
  'problem.unknown_receipt': 'Ninguna boleta de esta elección lleva ese recibo. Revisa que lo hayas escrito completo.',

  'count.members.one': '{n} miembro',
  'count.members.other': '{n} miembros',
  'count.bodies.one': '{n} cuerpo',
  'count.bodies.other': '{n} cuerpos',
  'count.seats.one': '{n} escaño',
  'count.seats.other': '{n} escaños',
  'count.found.one': '{n} cuerpo encontrado',
  'count.found.other': '{n} cuerpos encontrados',

  'body.kind.workplace': 'Asamblea de lugar de trabajo',
  'body.kind.neighbourhood': 'Asamblea vecinal',
  'body.kind.supply_committee': 'JAP',
  'body.kind.peasant': 'Consejo campesino',
  'body.kind.soldiers': 'Comité de soldados',
  'body.kind.union': 'Comité sindical',
  'body.kind.cordon': 'Cordón',
  'body.kind.regional': 'Consejo regional',
  'body.kind.national_assembly': 'Asamblea popular nacional',
  'body.kind.custom': 'Otro cuerpo',

  'office.chair': 'Presidencia',
  'office.secretary': 'Secretaría',
  'office.treasurer': 'Tesorería',
  'office.supply_officer': 'Encargado/a de abastecimiento',

  'federation.intro':
    'Cada cuerpo envía delegados al cuerpo de arriba. Bajo cada uno ves quién lo representa y cuántos de sus miembros le retiraron la confianza: al llegar al umbral, el mandato termina de inmediato.',
  'federation.howItWorks': 'Cómo funciona la federación',
  'federation.search': 'Buscar un cuerpo por su nombre',
  'federation.openAll': 'Abrir todo',
  'federation.closeAll': 'Cerrar todo',
  'federation.noMatch': 'Ningún cuerpo tiene ese nombre.',
  'federation.empty': 'La federación aún no tiene cuerpos.',
  'federation.treeLabel': 'La federación',
  'federation.toggleIn': 'en {name}',
  'federation.clearToBrowse': 'Borra la búsqueda para abrir y cerrar cuerpos.',
  'federation.loadFailed': 'No se pudo cargar la federación.',

  'confidence.label': '{n} de {threshold} retiros para revocar',
  'confidence.oneMore': '(uno más revoca el mandato)',

  'seat.number': 'Escaño {number}',
  'seat.delegate': 'Delegado/a:',
  'seat.vacant': 'Escaño vacante',
  'seat.since': 'En el escaño desde el {date}',
  'seat.byElection': 'Elección para llenarlo: {status}',

  'delegation.loading': 'Cargando su delegación…',
  'delegation.failed': 'No se pudo cargar su delegación.',
  'delegation.none': 'Todavía no envía delegados.',
  'delegation.label': 'Delegados que envía',

  'body.heading': 'Cuerpo',
  'body.backToFederation': 'Federación',
  'body.loadFailed': 'No se pudo cargar este cuerpo.',
  'body.partOf': 'Envía delegados a',
  'body.top': 'El cuerpo más alto de la federación',
  'body.youAreMember': 'Eres miembro',
  'body.delegationHeading': 'Su delegación en {parent}',
  'body.recallRule':
    'Cualquier miembro puede retirar su confianza a un delegado en cualquier momento. Con {threshold} retiros de {members} miembros, el mandato termina de inmediato.',
  'body.electionsHeading': 'Elecciones',
  'body.noElections': 'Este cuerpo aún no ha tenido elecciones.',
  'body.delegatesHeading': 'Delegados que se sientan aquí',
  'body.delegatesIntro': 'Los miembros de este consejo son los delegados que le envían los cuerpos de abajo.',
  'body.membersHeading': 'Miembros',
  'body.you': '(tú)',
  'member.since': 'miembro desde el {date}',

  'recall.withdraw': 'Retirar mi confianza',
  'recall.restore': 'Restaurar mi confianza',
  'recall.stateUnknown': 'Puedes retirar tu confianza en cualquier momento, o restaurarla si ya la retiraste.',
  'recall.stateWithdrawn': 'Retiraste tu confianza en este mandato.',
  'recall.stateConfident': 'Mantienes tu confianza en este mandato.',
  'recall.confirmQuestion': '¿Retirar tu confianza a {name}?',
  'recall.confirmExplain':
    'Cuando {threshold} de los {members} miembros de {body} retiran su confianza, el mandato de {name} termina en ese mismo momento: deja su escaño en {parent} y, en cascada, todos los escaños que ocupa más arriba, y se abre una elección para llenar cada uno. Mientras no se llegue al umbral, puedes restaurar tu confianza.',
  'recall.decisive': 'Tu retiro alcanza el umbral: el mandato terminará ahora mismo.',
  'recall.confirm': 'Sí, retirar mi confianza',
  'recall.sending': 'Enviando…',
  'recall.withdrawn': 'Retiraste tu confianza a {name}. Van {n} de {threshold} retiros para revocar.',
  'recall.restored': 'Restauraste tu confianza a {name}. Quedan {n} de {threshold} retiros para revocar.',
  'recall.recalled': 'Mandato revocado: con {n} de {threshold} retiros, {name} dejó de ser delegado/a.',
  'recall.vacatedIntro': 'Escaños que quedaron vacantes:',
  'recall.vacatedSeat': 'su escaño en {body}',
  'recall.vacatedCascade': 'en cascada, su escaño en {body}',
  'recall.byElectionsIntro': 'Se abrieron elecciones para llenarlos:',
  'recall.byElection': '{constituency} elige su delegado/a en {body}',

  'election.heading': 'Elección de delegados de {body}',
  'election.headingShort': 'Elección',
  'election.loadFailed': 'No se pudo cargar esta elección.',
  'election.lead': '{body} elige quién ocupa {seats} en {parent}.',
  'election.leadNoParent': '{body} elige quién ocupa {seats}.',
  'election.statusLabel': 'Estado',
  'election.windowLabel': 'Plazo',
  'election.methodLabel': 'Método de conteo',
  'election.window': 'del {opens} al {closes}',
  'election.seatOne': 'Escaño {seats}',
  'election.seatsList': 'Escaños {seats}',
  'election.method.stv': 'Voto único transferible',
  'election.method.irv': 'Voto preferencial (segunda vuelta instantánea)',
  'election.method.plurality': 'Mayoría simple',
  'election.method.approval': 'Voto de aprobación',
  'election.method.schulze': 'Método Schulze',
  'election.status.nominating': 'Candidaturas abiertas',
  'election.status.open': 'Votación abierta',
  'election.status.counted': 'Escrutada',
  'election.phase.nominating': 'Candidaturas abiertas: la votación aún no se abre',
  'election.phase.voting': 'Votación abierta',
  'election.phase.closed': 'Votación cerrada: falta el escrutinio',
  'election.phase.counted': 'Escrutada: el resultado es definitivo',
  'election.candidatesHeading': 'Candidaturas',
  'election.noCandidates': 'Todavía no hay candidaturas.',
  'election.elected': 'Elegido/a',
  'election.resultHeading': 'Resultado',
  'election.electedList': 'Elegidos: {names}.',
  'election.noneElected': 'Nadie resultó elegido.',
  'election.published': 'Todas las boletas están publicadas, cada una bajo el resumen (SHA-256) de su recibo:',
  'election.publishedLink': 'ver las boletas',
  'election.nominationsHeading': 'Candidaturas abiertas',
  'election.nominationsIntro': 'Cualquier miembro puede presentarse. La presidencia abre la votación cuando hay candidaturas.',
  'election.countHeading': 'Escrutinio',
  'election.countIntro': 'La votación cerró. Cualquier miembro puede pedir el escrutinio; el resultado es definitivo.',
  'election.stand': 'Presentar mi candidatura',
  'election.open': 'Abrir la votación',
  'election.count': 'Hacer el escrutinio',
  'election.stood': 'Tu candidatura quedó registrada.',
  'election.opened': 'La votación está abierta.',
  'election.counted': 'Escrutinio hecho.',
  'election.notMember': 'Solo los miembros de {body} votan en esta elección.',

  'ballot.heading': 'Tu boleta',
  'ballot.how.stv':
    'Ordena las candidaturas según tu preferencia: la primera es tu primera preferencia. Si tu primera opción ya está elegida o queda fuera, tu voto pasa a la siguiente. Puedes ordenar a tantas como quieras.',
  'ballot.how.irv': 'Ordena las candidaturas según tu preferencia. Si tu primera opción queda fuera del conteo, tu voto pasa a la siguiente de tu lista.',
  'ballot.how.plurality': 'Solo cuenta tu primera preferencia: la candidatura que pongas en primer lugar.',
  'ballot.how.approval': 'Añade todas las candidaturas que apruebas. El orden no importa: cada una recibe tu apoyo.',
  'ballot.how.schulze':
    'Ordena las candidaturas según tu preferencia: se comparan de a pares, y gana la que es preferida frente a cada una de las demás.',
  'ballot.poolHeading': 'Candidaturas',
  'ballot.rankingHeading': 'Tu orden de preferencia',
  'ballot.add': 'Añadir a',
  'ballot.added': 'Añadiste a {name} en el lugar {position}.',
  'ballot.moved': '{name}, ahora en el lugar {position}.',
  'ballot.removed': 'Quitaste a {name} de tu boleta.',
  'ballot.allRanked': 'Ya añadiste todas las candidaturas.',
  'ballot.noneYet': 'Todavía no añadiste a nadie. Elige candidaturas en el orden que prefieras.',
  'ballot.up': 'Subir a {name}',
  'ballot.down': 'Bajar a {name}',
  'ballot.remove': 'Quitar a {name}',
  'ballot.empty': 'Añade al menos una candidatura a tu boleta.',
  'ballot.failed': 'No se registró tu voto.',
  'ballot.secret': 'Tu voto es secreto: nadie, ni el servidor, puede saber cuál boleta es la tuya. Una vez emitido no se puede cambiar.',
  'ballot.cast': 'Emitir mi voto',
  'ballot.casting': 'Emitiendo…',

  'receipt.heading': 'Tu voto quedó registrado',
  'receipt.yours': 'Este es tu recibo:',
  'receipt.keep': 'Guárdalo para verificar tu voto.',
  'receipt.why':
    'Con él puedes comprobar, ahora y después del escrutinio, que tu boleta se cuenta tal como la emitiste. Solo tú lo tienes: el servidor no sabe qué boleta es la tuya y no te lo volverá a mostrar.',
  'receipt.copy': 'Copiar el recibo',
  'receipt.copied': 'Recibo copiado.',
  'receipt.copyFailed': 'No se pudo copiar: anótalo a mano.',
  'receipt.checkNow': 'Verificar mi voto',
  'receipt.checkHeading': 'Verificar un recibo',
  'receipt.checkIntro': 'Escribe un código de recibo para ver la boleta que lo lleva, tal como se contará.',
  'receipt.checkIntroCounted': 'Escribe un código de recibo para ver la boleta que lo lleva, tal como se contó.',
  'receipt.code': 'Código de recibo',
  'receipt.check': 'Verificar',
  'receipt.found': 'Este recibo corresponde a una boleta con este orden:',

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
  'error.notFound': 'There is nothing here: perhaps the address is wrong.',

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

  'action.cancel': 'Cancel',
  'action.retry': 'Try again',

  'problem.not_member': 'You are not a member of this body: only its members can do this.',
  'problem.already_withdrawn': 'You had already withdrawn your confidence in this mandate.',
  'problem.not_withdrawn': 'You had not withdrawn your confidence in this mandate: there is nothing to restore.',
  'problem.seat_vacant': 'The seat is vacant: there is no mandate to recall.',
  'problem.already_voted': 'You have already voted in this election: everyone votes once.',
  'problem.outside_window': 'Voting is not open right now: this is outside the voting period.',
  'problem.not_chair': 'Only the body’s chair can do this.',
  'problem.not_nominating': 'This election no longer takes candidates.',
  'problem.no_candidates': 'There are no candidates yet, so the vote cannot open.',
  'problem.already_candidate': 'You are already standing in this election.',
  'problem.not_closed': 'Voting has not closed yet: the count comes when the period ends.',
  'problem.already_counted': 'This election has been counted: the result is final.',
  'problem.not_counted': 'Ballots are published once the count is done.',
  'problem.unknown_receipt': 'No ballot in this election carries that receipt. Check that you typed all of it.',

  'count.members.one': '{n} member',
  'count.members.other': '{n} members',
  'count.bodies.one': '{n} body',
  'count.bodies.other': '{n} bodies',
  'count.seats.one': '{n} seat',
  'count.seats.other': '{n} seats',
  'count.found.one': '{n} body found',
  'count.found.other': '{n} bodies found',

  'body.kind.workplace': 'Workplace assembly',
  'body.kind.neighbourhood': 'Neighbourhood assembly',
  'body.kind.supply_committee': 'Supply committee (JAP)',
  'body.kind.peasant': 'Peasant council',
  'body.kind.soldiers': 'Soldiers’ committee',
  'body.kind.union': 'Union committee',
  'body.kind.cordon': 'Cordón (district council)',
  'body.kind.regional': 'Regional council',
  'body.kind.national_assembly': 'National popular assembly',
  'body.kind.custom': 'Other body',

  'office.chair': 'Chair',
  'office.secretary': 'Secretary',
  'office.treasurer': 'Treasurer',
  'office.supply_officer': 'Supply officer',

  'federation.intro':
    'Each body sends delegates to the body above it. Under each you see who represents it and how many of its members have withdrawn their confidence: at the threshold, the mandate ends at once.',
  'federation.howItWorks': 'How the federation works',
  'federation.search': 'Find a body by name',
  'federation.openAll': 'Expand all',
  'federation.closeAll': 'Collapse all',
  'federation.noMatch': 'No body has that name.',
  'federation.empty': 'The federation has no bodies yet.',
  'federation.treeLabel': 'The federation',
  'federation.toggleIn': 'in {name}',
  'federation.clearToBrowse': 'Clear the search to expand and collapse bodies.',
  'federation.loadFailed': 'Could not load the federation.',

  'confidence.label': '{n} of {threshold} withdrawals to recall',
  'confidence.oneMore': '(one more recalls the mandate)',

  'seat.number': 'Seat {number}',
  'seat.delegate': 'Delegate:',
  'seat.vacant': 'Vacant seat',
  'seat.since': 'In the seat since {date}',
  'seat.byElection': 'Election to fill it: {status}',

  'delegation.loading': 'Loading its delegation…',
  'delegation.failed': 'Could not load its delegation.',
  'delegation.none': 'It sends no delegates yet.',
  'delegation.label': 'Delegates it sends up',

  'body.heading': 'Body',
  'body.backToFederation': 'Federation',
  'body.loadFailed': 'Could not load this body.',
  'body.partOf': 'Sends delegates to',
  'body.top': 'The highest body of the federation',
  'body.youAreMember': 'You are a member',
  'body.delegationHeading': 'Its delegation to {parent}',
  'body.recallRule':
    'Any member can withdraw their confidence from a delegate at any time. With {threshold} withdrawals out of {members} members, the mandate ends at once.',
  'body.electionsHeading': 'Elections',
  'body.noElections': 'This body has held no elections yet.',
  'body.delegatesHeading': 'Delegates who sit here',
  'body.delegatesIntro': 'The members of this council are the delegates the bodies below send to it.',
  'body.membersHeading': 'Members',
  'body.you': '(you)',
  'member.since': 'member since {date}',

  'recall.withdraw': 'Withdraw my confidence',
  'recall.restore': 'Restore my confidence',
  'recall.stateUnknown': 'You can withdraw your confidence at any time, or restore it if you already have.',
  'recall.stateWithdrawn': 'You have withdrawn your confidence in this mandate.',
  'recall.stateConfident': 'You keep your confidence in this mandate.',
  'recall.confirmQuestion': 'Withdraw your confidence from {name}?',
  'recall.confirmExplain':
    'When {threshold} of the {members} members of {body} withdraw their confidence, the mandate of {name} ends that very moment: they leave their seat in {parent} and, in a cascade, every seat they hold further up, and an election opens to fill each one. Until the threshold is reached you can restore your confidence.',
  'recall.decisive': 'Yours reaches the threshold: the mandate will end right now.',
  'recall.confirm': 'Yes, withdraw my confidence',
  'recall.sending': 'Sending…',
  'recall.withdrawn': 'You withdrew your confidence from {name}. Now {n} of {threshold} withdrawals to recall.',
  'recall.restored': 'You restored your confidence in {name}. Now {n} of {threshold} withdrawals to recall.',
  'recall.recalled': 'Mandate recalled: with {n} of {threshold} withdrawals, {name} is no longer a delegate.',
  'recall.vacatedIntro': 'Seats left vacant:',
  'recall.vacatedSeat': 'their seat in {body}',
  'recall.vacatedCascade': 'in the cascade, their seat in {body}',
  'recall.byElectionsIntro': 'Elections opened to fill them:',
  'recall.byElection': '{constituency} elects its delegate to {body}',

  'election.heading': 'Election of delegates: {body}',
  'election.headingShort': 'Election',
  'election.loadFailed': 'Could not load this election.',
  'election.lead': '{body} elects who holds {seats} in {parent}.',
  'election.leadNoParent': '{body} elects who holds {seats}.',
  'election.statusLabel': 'Status',
  'election.windowLabel': 'Voting period',
  'election.methodLabel': 'Counting method',
  'election.window': 'from {opens} to {closes}',
  'election.seatOne': 'Seat {seats}',
  'election.seatsList': 'Seats {seats}',
  'election.method.stv': 'Single transferable vote',
  'election.method.irv': 'Instant-runoff vote',
  'election.method.plurality': 'Plurality (first choices)',
  'election.method.approval': 'Approval vote',
  'election.method.schulze': 'Schulze method',
  'election.status.nominating': 'Taking candidates',
  'election.status.open': 'Voting open',
  'election.status.counted': 'Counted',
  'election.phase.nominating': 'Taking candidates: voting has not opened yet',
  'election.phase.voting': 'Voting open',
  'election.phase.closed': 'Voting closed: waiting for the count',
  'election.phase.counted': 'Counted: the result is final',
  'election.candidatesHeading': 'Candidates',
  'election.noCandidates': 'No candidates yet.',
  'election.elected': 'Elected',
  'election.resultHeading': 'Result',
  'election.electedList': 'Elected: {names}.',
  'election.noneElected': 'No one was elected.',
  'election.published': 'Every ballot is published, each under the hash (SHA-256) of its receipt:',
  'election.publishedLink': 'see the ballots',
  'election.nominationsHeading': 'Nominations',
  'election.nominationsIntro': 'Any member can stand. The chair opens the vote once there are candidates.',
  'election.countHeading': 'The count',
  'election.countIntro': 'Voting has closed. Any member can start the count; the result is final.',
  'election.stand': 'Stand as a candidate',
  'election.open': 'Open the vote',
  'election.count': 'Count the votes',
  'election.stood': 'You are now a candidate.',
  'election.opened': 'Voting is open.',
  'election.counted': 'The votes are counted.',
  'election.notMember': 'Only members of {body} vote in this election.',

  'ballot.heading': 'Your ballot',
  'ballot.how.stv':
    'Rank the candidates in your order of preference: the first is your first choice. If your first choice is already elected or is eliminated, your vote passes to the next. Rank as many as you like.',
  'ballot.how.irv': 'Rank the candidates in your order of preference. If your first choice is eliminated, your vote passes to the next on your list.',
  'ballot.how.plurality': 'Only your first choice counts: the candidate you put first.',
  'ballot.how.approval': 'Add every candidate you approve of. The order does not matter: each one gets your support.',
  'ballot.how.schulze':
    'Rank the candidates in your order of preference: they are compared in pairs, and the one preferred over each of the others wins.',
  'ballot.poolHeading': 'Candidates',
  'ballot.rankingHeading': 'Your order of preference',
  'ballot.add': 'Add',
  'ballot.added': 'Added {name} in place {position}.',
  'ballot.moved': '{name} is now in place {position}.',
  'ballot.removed': 'Removed {name} from your ballot.',
  'ballot.allRanked': 'You have added every candidate.',
  'ballot.noneYet': 'You have not added anyone yet. Choose candidates in the order you prefer.',
  'ballot.up': 'Move {name} up',
  'ballot.down': 'Move {name} down',
  'ballot.remove': 'Remove {name}',
  'ballot.empty': 'Add at least one candidate to your ballot.',
  'ballot.failed': 'Your vote was not recorded.',
  'ballot.secret': 'Your vote is secret: no one, not even the server, can tell which ballot is yours. Once cast it cannot be changed.',
  'ballot.cast': 'Cast my vote',
  'ballot.casting': 'Casting…',

  'receipt.heading': 'Your vote is recorded',
  'receipt.yours': 'This is your receipt:',
  'receipt.keep': 'Keep it to check your vote.',
  'receipt.why':
    'With it you can check, now and after the count, that your ballot is counted as you cast it. Only you have it: the server does not know which ballot is yours and will not show it to you again.',
  'receipt.copy': 'Copy the receipt',
  'receipt.copied': 'Receipt copied.',
  'receipt.copyFailed': 'Could not copy it: write it down.',
  'receipt.checkNow': 'Check my vote',
  'receipt.checkHeading': 'Check a receipt',
  'receipt.checkIntro': 'Type a receipt code to see the ballot that carries it, as it will be counted.',
  'receipt.checkIntroCounted': 'Type a receipt code to see the ballot that carries it, as it was counted.',
  'receipt.code': 'Receipt code',
  'receipt.check': 'Check',
  'receipt.found': 'This receipt belongs to a ballot with this order:',

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
