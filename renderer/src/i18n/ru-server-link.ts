// Strings of the link to the central server: the first-run screen, the login screen and the user in
// the app frame. Part of the catalogue in ru.ts (t.serverLink).
export const ruServerLink = {
  firstRun: {
    title: 'Подключение к серверу',
    intro:
      'Рабочее место обменивается обращениями с сервером района и Департамента. Адрес сервера, логин и пароль выдаёт администратор.',
    serverUrl: 'Адрес сервера',
    serverUrlPlaceholder: 'например, http://10.0.0.5:8787',
    serverUrlHelp: 'Порт по умолчанию — 8787',
    login: 'Логин',
    password: 'Пароль',
    workstationName: 'Название рабочего места',
    workstationNamePlaceholder: 'например, Октябрьский, каб. 5',
    workstationNameHelp: 'Так это рабочее место увидит администратор',
    connect: 'Подключиться',
    connecting: 'Подключение…',
    or: 'или',
    standalone: 'Работать без сервера',
    standaloneHelp: 'Данные хранятся только на этом компьютере и ни с кем не синхронизируются.',
  },
  login: {
    title: 'Вход',
    server: (url: string) => `Сервер: ${url}`,
    checking: 'Проверка связи с сервером…',
    online: 'Сервер на связи',
    offline:
      'Сервер недоступен: вход будет без связи с сервером — по паролю, с которым вы уже входили на этом рабочем месте за последние 30 дней.',
    revoked: 'Это рабочее место отключено администратором. Обратитесь к администратору района.',
    login: 'Логин',
    password: 'Пароль',
    submit: 'Войти',
    submitOffline: 'Войти без связи',
    submitting: 'Вход…',
  },
  frame: {
    offline: 'Без связи',
    offlineTitle: 'Вход выполнен без связи с сервером: изменения сохраняются на этом рабочем месте.',
    logout: 'Выйти',
    who: (name: string, role: string, district: string | null) => [name, role, district].filter(Boolean).join(', '),
  },
  required: {
    serverUrl: 'Укажите адрес сервера',
    login: 'Укажите логин',
    password: 'Укажите пароль',
    workstationName: 'Укажите название рабочего места',
  },
};
