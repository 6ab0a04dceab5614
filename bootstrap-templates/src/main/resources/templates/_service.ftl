<#-- shared [Service] and [Install] lines of every plumbery unit: user, restart policy, limits, sandbox -->
<#macro serviceBody envFile stateDirectory>
Type=simple
User=[=settings.serviceUser]
Group=[=settings.serviceUser]
EnvironmentFile=[=envFile]
StateDirectory=[=stateDirectory]
StateDirectoryMode=0750
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
