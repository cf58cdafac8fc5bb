<#macro content>
    <p id="kcbundle-footer" class="kcbundle-footer">${msg("kcbundleFooter")}</p>
</#macro>
