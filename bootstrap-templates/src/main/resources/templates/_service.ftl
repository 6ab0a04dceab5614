<#-- shared [Service] and [Install] lines of every plumbery unit: user, restart policy, limits, sandbox -->
<#macro serviceBody envFile stateDirectory user=settings.serviceUser stateDirectoryMode="0750">
Type=simple
User=[=user]
Group=[=user]
EnvironmentFile=[=envFile]
StateDirectory=[=stateDirectory]
StateDirectoryMode=[=stateDirectoryMode]
<#nested>
SuccessExitStatus=143
Restart=on-failure
RestartSec=3
TimeoutStopSec=30
LimitNOFILE=65536
TasksMax=4096
NoNewPrivileges=yes
ProtectSystem=full
ProtectHome=yes
PrivateTmp=yes

[Install]
WantedBy=multi-user.target
</#macro>
